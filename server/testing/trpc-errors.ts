import { TRPCError } from "@trpc/server";
import { FieldError } from "../auth/field-error";

/** What a failed tRPC call said: its code, message, and the field a FieldError named (if any). */
export async function trpcErrorOf(call: Promise<unknown>): Promise<{ code: string; message: string; field: string | null; cause: unknown }> {
  try {
    await call;
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
    return { code: error.code, message: error.message, field: error.cause instanceof FieldError ? error.cause.field : null, cause: error.cause };
  }
  throw new Error("expected the call to fail");
}
