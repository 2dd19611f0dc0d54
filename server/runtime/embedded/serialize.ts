import { isNonRetriable } from "../errors";
import type { StoredError } from "./schema";

/** A step result as it comes back on replay: JSON, with `undefined` as null (like Inngest). */
export function toJson(value: unknown): unknown {
  return value === undefined ? null : JSON.parse(JSON.stringify(value));
}

export function toStoredError(error: unknown): StoredError {
  if (error instanceof Error) {
    return {
      name: error.name,
      message: error.message,
      ...(error.stack ? { stack: error.stack } : {}),
      ...(isNonRetriable(error) ? { nonRetriable: true } : {}),
    };
  }
  return { name: "Error", message: String(error) };
}
