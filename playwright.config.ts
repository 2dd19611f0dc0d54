import { chmodSync, existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://localhost:${port}`;

// A throwaway data directory (database included) per run, shared with the workers through the env.
if (!process.env.TANDEM_E2E_DATA_DIR) {
  process.env.TANDEM_E2E_DATA_DIR = mkdtempSync(path.join(tmpdir(), "tandem-e2e-"));
  chmodSync(process.env.TANDEM_E2E_DATA_DIR, 0o755);
}

const chromiumPath = process.env.CHROMIUM_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);

export default defineConfig({
  testDir: "e2e",
  fullyParallel: true,
  // Most of a test's time is spent waiting on syncs and the sandboxes' delivery, not on the two
  // cores: three workers cut the run from ~10 to ~6 minutes.
  workers: 3,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  globalTeardown: "./e2e/global-teardown.ts",
  use: {
    ...devices["Desktop Chrome"],
    baseURL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: chromiumPath,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: {
    command: "npx tsx scripts/start.ts",
    url: `${baseURL}/sign-in`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: "pipe",
    // A short QuickBooks sandbox webhook window (default 60 s) so synced changes show up quickly.
    env: { PORT: String(port), DATA_DIR: process.env.TANDEM_E2E_DATA_DIR, SIGN_IN_MAX_FAILURES: "5", SIGN_UP_MAX_PER_ADDRESS: "1000", SANDBOX_QUICKBOOKS_WEBHOOK_WINDOW_MS: "300" },
  },
});
