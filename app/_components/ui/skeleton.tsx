import { cn } from "./cn";

/** A grey placeholder block while data loads (announced once by the region's aria-busy, not per block). */
export function Skeleton({ className }: { className?: string }) {
  return <div aria-hidden className={cn("animate-pulse rounded-md bg-slate-200", className)} />;
}
