import type { ReactNode } from "react";

/** Small building blocks shared by the sandbox HubSpot pages. */
export function ErrorBanner({ message }: { message?: string }) {
  if (!message) return null;
  return (
    <p role="alert" data-testid="sandbox-error" className="mb-4 rounded border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800">
      {message}
    </p>
  );
}

export function Field({ label, name, type = "text", defaultValue, required }: { label: string; name: string; type?: string; defaultValue?: string; required?: boolean }) {
  return (
    <label className="flex flex-col gap-1 text-sm">
      <span className="font-medium text-slate-700">{label}</span>
      <input name={name} type={type} defaultValue={defaultValue} required={required} step={type === "number" ? "any" : undefined} className="rounded border border-slate-300 px-2 py-1" />
    </label>
  );
}

export function Submit({ children }: { children: ReactNode }) {
  return (
    <button type="submit" className="rounded bg-orange-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-orange-700">
      {children}
    </button>
  );
}

export function Table({ head, children, label }: { head: string[]; children: ReactNode; label: string }) {
  return (
    <table aria-label={label} className="w-full border-collapse text-sm">
      <thead>
        <tr className="border-b border-slate-300 text-left text-slate-600">
          {head.map((h) => (
            <th key={h} className="py-2 pr-4 font-medium">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}

export const money = (value: string | undefined, currency = "USD") => `${currency} ${Number(value ?? 0).toFixed(2)}`;
