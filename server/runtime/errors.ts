/**
 * Handlers throw the `inngest` package's own NonRetriableError so that they behave the same under
 * both executors; the embedded executor recognises it by class and by name.
 */
import { NonRetriableError } from "inngest";

export { NonRetriableError };

export function isNonRetriable(error: unknown): boolean {
  return error instanceof NonRetriableError || (error instanceof Error && error.name === "NonRetriableError");
}

/** An event whose data does not match its declared schema; nothing was sent. */
export class InvalidEventError extends Error {
  constructor(
    readonly eventName: string,
    readonly issues: string[],
  ) {
    super(`Invalid data for event "${eventName}": ${issues.join("; ")}`);
    this.name = "InvalidEventError";
  }
}

/** A workflow declaration that no executor could honour (bad id, cron, duration or key expression). */
export class InvalidWorkflowError extends Error {
  constructor(
    readonly workflowId: string,
    reason: string,
  ) {
    super(`Workflow "${workflowId}": ${reason}`);
    this.name = "InvalidWorkflowError";
  }
}
