import { rmSync } from "node:fs";

export default function globalTeardown() {
  const dir = process.env.TANDEM_E2E_DATA_DIR;
  if (!dir) return;
  // The web server, and the PostgreSQL writing into this directory, stop after the teardown:
  // removing it now can race their last writes (ENOTEMPTY), so it goes when the runner exits.
  process.once("exit", () => {
    try {
      rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
    } catch (error) {
      console.error(`Couldn't remove the e2e data directory ${dir}: ${String(error)}`);
    }
  });
}
