import type { ReactNode } from "react";

/** Small presentational pieces shared by the sandbox QuickBooks pages. */
export function ErrorBanner({ error }: { error?: string | string[] }) {
  if (!error) return null;
  return (
    <p role="alert" className="mb-4 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
      {Array.isArray(error) ? error[0] : error}
    </p>
  );
}

export function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <label className="flex flex-col gap-1 text-sm">
      <span className="font-medium text-slate-700">{label}</span>
      {children}
    </label>
  );
}

export const inputClass = "rounded-md border border-slate-300 px-2 py-1.5 text-sm focus:border-emerald-600 focus:outline-none";
export const buttonClass = "rounded-md bg-emerald-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-emerald-700";
export const secondaryButtonClass = "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50";
export const dangerButtonClass = "rounded-md border border-red-300 bg-white px-3 py-1.5 text-sm font-medium text-red-700 hover:bg-red-50";

export function Table({ headers, children, label }: { headers: string[]; children: ReactNode; label: string }) {
  return (
    // Wide tables scroll sideways on a phone rather than widening the page.
    <div className="overflow-x-auto rounded-lg shadow-sm">
      <table aria-label={label} className="w-full border-collapse bg-white text-sm">
        <thead className="bg-slate-100 text-left text-slate-600">
          <tr>
            {headers.map((h) => (
              <th key={h} className="px-3 py-2 font-medium">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

export function Cell({ children }: { children: ReactNode }) {
  return <td className="border-t border-slate-100 px-3 py-2">{children}</td>;
}
