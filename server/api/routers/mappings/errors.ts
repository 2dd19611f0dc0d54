import { TRPCError } from "@trpc/server";
import { ConnectionExpiredError, PROVIDER_LABEL } from "../../../connections/errors";
import { ProviderError } from "../../../providers/provider-error";
import { FilterNotFoundError, LockedFilterError } from "../../../sync/filters/edit";
import { DefaultMappingError, MappingNotFoundError } from "../../../sync/mappings/errors";
import { SyncError } from "../../../sync/errors";

/**
 * Maps the mapping and filter services' typed errors (and the provider reads behind the field
 * catalogue) onto tRPC codes; anything else, FieldErrors included, passes through.
 */
export function toTRPCError(error: unknown): unknown {
  if (error instanceof MappingNotFoundError || error instanceof FilterNotFoundError) {
    return new TRPCError({ code: "NOT_FOUND", message: error.message, cause: error });
  }
  if (error instanceof DefaultMappingError) return new TRPCError({ code: "PRECONDITION_FAILED", message: error.message, cause: error });
  if (error instanceof LockedFilterError) return new TRPCError({ code: "FORBIDDEN", message: error.message, cause: error });
  if (error instanceof ConnectionExpiredError || (error instanceof SyncError && error.code === "CONNECTION_EXPIRED")) {
    return new TRPCError({ code: "PRECONDITION_FAILED", message: "Connect (or reconnect) HubSpot and QuickBooks Online to see their fields.", cause: error });
  }
  if (error instanceof ProviderError) {
    return new TRPCError({ code: "BAD_GATEWAY", message: `${PROVIDER_LABEL[error.provider]} didn't list its fields (it answered ${error.status}); try again.`, cause: error });
  }
  return error;
}

/** Runs a service call, answering with the tRPC error its failure means. */
export async function translated<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw toTRPCError(error);
  }
}
