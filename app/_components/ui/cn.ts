/** Joins class names, skipping falsy ones (the shadcn/ui `cn` without tailwind-merge: wrappers put overridable classes last). */
export function cn(...classes: Array<string | false | null | undefined>): string {
  return classes.filter(Boolean).join(" ");
}

/** The focus ring every interactive primitive shares: visible on keyboard focus only. */
export const focusRing = "outline-none focus-visible:ring-2 focus-visible:ring-brand-500 focus-visible:ring-offset-2";
