export * from "./accounts";
export * from "./connections";
export * from "./sync";
export * from "./backfills";
