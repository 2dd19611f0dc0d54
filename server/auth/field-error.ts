import type { TRPC_ERROR_CODE_KEY } from "@trpc/server";

/** A validation failure tied to one form field, raised where only the server can know (e.g. a taken email). */
export class FieldError extends Error {
  constructor(
    readonly field: string,
    message: string,
    readonly code: TRPC_ERROR_CODE_KEY = "BAD_REQUEST",
  ) {
    super(message);
    this.name = "FieldError";
  }
}
