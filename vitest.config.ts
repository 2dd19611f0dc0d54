import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["**/*.test.ts", "**/*.test.tsx"],
    exclude: ["node_modules/**", ".next*/**", ".data/**", "e2e/**"],
    globalSetup: ["server/testing/global-setup.ts"],
    // Integration files mostly wait on the sandboxes' rate limits and the workflow runtime, not
    // the CPU: three files at once on two cores cut the run from ~17 to ~6 minutes. Each file has
    // its own database copy and loopback ports, so they don't share state.
    maxWorkers: 3,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    env: {
      NODE_ENV: "test",
      AUTH_SECRET: "test-auth-secret-test-auth-secret-0123456789",
      TOKEN_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
    },
  },
});
