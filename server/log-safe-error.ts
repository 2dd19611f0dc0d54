/**
 * A one-line description of an error that is safe to log: its type and its innermost cause's
 * message. Database errors wrap the query and its parameters (emails, password hashes, tokens) in
 * their outer message; the driver's own error underneath names only the problem.
 */
export function describeForLog(error: unknown): string {
  let innermost: unknown = error;
  while (innermost instanceof Error && innermost.cause instanceof Error) innermost = innermost.cause;
  const name = error instanceof Error ? error.name : typeof error;
  const message = innermost instanceof Error ? innermost.message : String(innermost);
  const code = innermost && typeof innermost === "object" && "code" in innermost ? ` (${String(innermost.code)})` : "";
  return `${name}: ${message}${code}`;
}
