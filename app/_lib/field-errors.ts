import { TRPCClientError } from "@trpc/client";

export type FieldErrors = Record<string, string[] | undefined>;

/** The per-field messages a tRPC error carries (see the error formatter in server/api/trpc.ts). */
export function fieldErrorsOf(error: unknown): FieldErrors {
  if (error instanceof TRPCClientError) {
    const data = error.data as { fieldErrors?: FieldErrors | null } | undefined;
    return data?.fieldErrors ?? {};
  }
  return {};
}
