import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "postgresql",
  schema: "./server/sandbox/hubspot/store/schema.ts",
  out: "./drizzle/sandbox-hubspot",
  schemaFilter: ["sandbox_hubspot"],
});
