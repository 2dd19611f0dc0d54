import type { HTMLAttributes } from "react";
import { cn } from "./cn";

export function Card({ className, ...props }: HTMLAttributes<HTMLElement>) {
  return <section className={cn("min-w-0 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-5", className)} {...props} />;
}

/** A problem loading something, with what to do. */
export function ErrorState({ title, message, onRetry }: { title: string; message: string; onRetry?: () => void }) {
  return (
    <div role="alert" className="rounded-xl border border-red-200 bg-red-50 p-4 text-sm text-red-800">
      <p className="font-semibold">{title}</p>
      <p className="mt-1">{message}</p>
      {onRetry && (
        <button type="button" onClick={onRetry} className="mt-2 font-medium underline underline-offset-2 focus-visible:ring-2 focus-visible:ring-red-500 focus-visible:outline-none">
          Try again
        </button>
      )}
    </div>
  );
}
