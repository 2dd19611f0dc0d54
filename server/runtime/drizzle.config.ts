import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "postgresql",
  schema: "./server/runtime/embedded/schema.ts",
  out: "./drizzle/runtime",
  schemaFilter: ["runtime"],
});
