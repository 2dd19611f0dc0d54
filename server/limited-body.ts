/**
 * The providers' notification payloads are a few kilobytes (HubSpot batches at most 100 events,
 * Intuit a handful of entities), and the app's own tRPC calls (a batch of at most 10, the largest a
 * page of mappings or filters) smaller still; 1 MB leaves ample room. Anything larger is refused
 * before it is buffered, parsed or hashed, so a flood of big bodies costs neither memory nor CPU.
 */
export const MAX_BODY_BYTES = 1024 * 1024;

export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`The request body is larger than ${limit} bytes.`);
    this.name = "BodyTooLargeError";
  }
}

/**
 * Reads the body as text, refusing it from `Content-Length` when declared, or as soon as the
 * streamed bytes pass the limit (chunked or lying senders); the rest of the stream is cancelled.
 */
export async function readLimitedText(request: Request, limit = MAX_BODY_BYTES): Promise<string> {
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > limit) throw new BodyTooLargeError(limit);
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > limit) {
      await reader.cancel();
      throw new BodyTooLargeError(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}
