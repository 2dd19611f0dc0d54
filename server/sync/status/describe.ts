import { SYNC_ERRORS, type SyncErrorCode } from "../errors";

export interface DescribedError {
  code: string;
  category: string;
  explanation: string;
  fix: string;
  retryable: boolean;
  /** The provider's own words (or Tandem's detail), shown under the explanation; never in its place. */
  detail: string | null;
}

export function isCatalogued(code: string): code is SyncErrorCode {
  return Object.hasOwn(SYNC_ERRORS, code);
}

/** A stored error code in the catalogue's words; an unknown code reads as "Rejected by the provider". */
export function describeError(code: string | null, detail: string | null = null): DescribedError | null {
  if (!code) return null;
  const entry = isCatalogued(code) ? SYNC_ERRORS[code] : SYNC_ERRORS.VALIDATION_FAILED;
  return { code, category: entry.category, explanation: entry.explanation, fix: entry.fix, retryable: entry.retryable, detail };
}
