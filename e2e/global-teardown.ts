import { rmSync } from "node:fs";

export default function globalTeardown() {
  const dir = process.env.TANDEM_E2E_DATA_DIR;
  if (dir) rmSync(dir, { recursive: true, force: true });
}
