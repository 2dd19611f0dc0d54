import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "postgresql",
  schema: "./server/sandbox/quickbooks/store/schema.ts",
  out: "./drizzle/sandbox-quickbooks",
  schemaFilter: ["sandbox_quickbooks"],
});
