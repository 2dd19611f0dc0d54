import { ZodError } from "zod";
import type { Database } from "../db/client";
import { env } from "../env";
import { parseHubSpotNotifications } from "./hubspot-notifications";
import { acceptNotifications } from "./intake";
import { BodyTooLargeError, readLimitedText } from "../limited-body";
import { parseQuickBooksNotifications } from "./quickbooks-notifications";
import { verifyHubSpotSignature, verifyQuickBooksSignature } from "./signatures";

function json(status: number, body: unknown): Response {
  return Response.json(body, { status });
}

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

/** The body as text, or the 413 answer when it is over the limit (nothing else is read or hashed). */
async function readBody(request: Request): Promise<string | Response> {
  try {
    return await readLimitedText(request);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return json(413, { error: "payload_too_large", limitBytes: error.limit });
    throw error;
  }
}

/** The URL the provider signed: the public origin (APP_URL) with the path and query it called. */
function signedUri(request: Request): string {
  const url = new URL(request.url);
  return `${new URL(env().APP_URL).origin}${url.pathname}${url.search}`;
}

async function intake(db: Database, parse: () => ReturnType<typeof parseHubSpotNotifications>, provider: "hubspot" | "quickbooks") {
  let notifications;
  try {
    notifications = parse();
  } catch (error) {
    if (error instanceof ZodError) return json(400, { error: "unrecognised_payload", issues: error.issues.slice(0, 5).map((i) => i.message) });
    throw error;
  }
  return json(200, await acceptNotifications(db, provider, notifications));
}

/** POST /api/webhooks/hubspot — bodies over 1 MB refused with 413, v3 signature checked (≤ 5 minutes old) before anything is read or stored. */
export async function receiveHubSpotWebhook(db: Database, request: Request): Promise<Response> {
  const config = env();
  if (!config.HUBSPOT_CLIENT_SECRET) return json(503, { error: "hubspot_not_configured" });
  const raw = await readBody(request);
  if (raw instanceof Response) return raw;
  const valid = verifyHubSpotSignature({
    secret: config.HUBSPOT_CLIENT_SECRET,
    method: request.method,
    uri: signedUri(request),
    body: raw,
    signature: request.headers.get("x-hubspot-signature-v3"),
    timestamp: request.headers.get("x-hubspot-request-timestamp"),
  });
  if (!valid) return json(401, { error: "invalid_signature" });
  const body = parseJson(raw);
  return intake(db, () => parseHubSpotNotifications(body, config.HUBSPOT_APP_ID), "hubspot");
}

/** POST /api/webhooks/quickbooks — bodies over 1 MB refused with 413, `intuit-signature` checked before anything is read or stored. */
export async function receiveQuickBooksWebhook(db: Database, request: Request): Promise<Response> {
  const config = env();
  if (!config.QUICKBOOKS_WEBHOOK_VERIFIER_TOKEN) return json(503, { error: "quickbooks_not_configured" });
  const raw = await readBody(request);
  if (raw instanceof Response) return raw;
  if (!verifyQuickBooksSignature(config.QUICKBOOKS_WEBHOOK_VERIFIER_TOKEN, raw, request.headers.get("intuit-signature"))) {
    return json(401, { error: "invalid_signature" });
  }
  const body = parseJson(raw);
  return intake(db, () => parseQuickBooksNotifications(body), "quickbooks");
}
