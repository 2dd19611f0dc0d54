import { TRPCError } from "@trpc/server";
import { InviteError } from "../../../members/accept-invite";

/** Maps InviteError onto tRPC codes; anything else passes through. */
export function toTRPCError(error: unknown): unknown {
  if (error instanceof InviteError) {
    return new TRPCError({ code: error.problem === "invalid" ? "NOT_FOUND" : "FORBIDDEN", message: error.message, cause: error });
  }
  return error;
}
