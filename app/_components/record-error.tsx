import type { RecordItem } from "@/app/_lib/api-types";
import { Badge } from "./ui/badge";

type DescribedError = NonNullable<RecordItem["error"]>;

/** A failure in the catalogue's words, written out on the page: category, what happened, how to fix it. */
export function RecordError({ error, compact }: { error: DescribedError; compact?: boolean }) {
  return (
    <div data-testid="record-error" className="mt-2 rounded-md border border-red-100 bg-red-50/60 p-3 text-sm">
      <div className="flex flex-wrap items-center gap-2">
        <Badge tone="danger">{error.category}</Badge>
        <code className="text-xs break-all text-slate-500">{error.code}</code>
        {error.retryable && <span className="text-xs text-slate-600">Tandem retries this on its own.</span>}
      </div>
      <p className="mt-2 text-slate-800" data-testid="error-explanation">
        {error.explanation}
      </p>
      <p className="mt-1 text-slate-800" data-testid="error-fix">
        <span className="font-semibold">How to fix: </span>
        {error.fix}
      </p>
      {!compact && error.detail && <p className="mt-1 text-xs break-words text-slate-500">Details: {error.detail}</p>}
    </div>
  );
}
