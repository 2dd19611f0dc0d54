import { randomUUID } from "node:crypto";

export type ErrorCategory =
  | "VALIDATION_ERROR"
  | "MISSING_SCOPES"
  | "INVALID_AUTHENTICATION"
  | "EXPIRED_AUTHENTICATION"
  | "CONFLICT"
  | "OBJECT_NOT_FOUND"
  | "RATE_LIMITS"
  | "INTERNAL_ERROR";

export interface ErrorDetail {
  message: string;
  code?: string;
  in?: string;
  context?: Record<string, string[]>;
}

/** An error the API answers with HubSpot's error body; thrown anywhere below the HTTP layer. */
export class HubSpotApiError extends Error {
  constructor(
    readonly status: number,
    readonly category: ErrorCategory,
    message: string,
    readonly extra: { subCategory?: string; errors?: ErrorDetail[]; context?: Record<string, string[]> } = {},
  ) {
    super(message);
  }

  body(): Record<string, unknown> {
    return {
      status: "error",
      message: this.message,
      correlationId: randomUUID(),
      category: this.category,
      ...(this.extra.subCategory ? { subCategory: this.extra.subCategory } : {}),
      ...(this.extra.errors ? { errors: this.extra.errors } : {}),
      ...(this.extra.context ? { context: this.extra.context } : {}),
      links: {},
    };
  }
}

export const notFound = (message = "resource not found") => new HubSpotApiError(404, "OBJECT_NOT_FOUND", message);
export const validation = (message: string, extra: HubSpotApiError["extra"] = {}) => new HubSpotApiError(400, "VALIDATION_ERROR", message, extra);

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json;charset=utf-8", ...headers } });
}

export const errorResponse = (error: HubSpotApiError, headers: Record<string, string> = {}) => json(error.body(), error.status, headers);

/** Reads a JSON body; a malformed one is HubSpot's 400 "Invalid input JSON". */
export async function readJson(request: Request): Promise<unknown> {
  const text = await request.text();
  if (!text) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw validation(`Invalid input JSON on line 1: ${text.slice(0, 40)}`);
  }
}

/**
 * A loggable description of an unexpected error. Query errors carry their parameters (tokens,
 * secrets) in the message, so only the database's own message of the cause is kept.
 */
export function describeUnexpected(error: unknown): string {
  if (error instanceof Error && error.cause instanceof Error) return `${error.name}: ${error.cause.message}`;
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
