import { TRPCError } from "@trpc/server";
import { AccountConflictError, NotConnectedError } from "../../../connections/errors";
import { ProviderNotConfiguredError } from "../../../providers/oauth";

/** Maps the connections layer's typed errors onto tRPC codes; anything else passes through. */
export function toTRPCError(error: unknown): unknown {
  if (error instanceof AccountConflictError) return new TRPCError({ code: "CONFLICT", message: error.message, cause: error });
  if (error instanceof NotConnectedError) return new TRPCError({ code: "NOT_FOUND", message: error.message, cause: error });
  if (error instanceof ProviderNotConfiguredError) {
    return new TRPCError({ code: "PRECONDITION_FAILED", message: `${error.message} to connect.`, cause: error });
  }
  return error;
}
