import { formatValue } from "@/app/_lib/sync-labels";

/** Rows of text (an invoice's lines, one each), as the server presents them. */
function isRows(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((row) => typeof row === "string");
}

/** A field's value in a before → after pair: an invoice's lines one row each, anything else as text. */
export function FieldValue({ value, className }: { value: unknown; className?: string }) {
  if (!isRows(value)) return <span className={className}>{formatValue(value)}</span>;
  if (value.length === 0) return <span className={className}>(no lines)</span>;
  return (
    <ul className={className}>
      {value.map((row, i) => (
        <li key={i}>{row}</li>
      ))}
    </ul>
  );
}

export function isMultiline(...values: unknown[]): boolean {
  return values.some(isRows);
}
