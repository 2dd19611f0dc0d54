import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/database";
import { MAX_BATCH_SIZE } from "./batch-limit";
import { handleTRPCRequest } from "./http";

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(() => testDb.drop());

function post(path: string, body: string) {
  const request = new Request(`http://localhost/api/trpc/${path}`, { method: "POST", headers: { "content-type": "application/json" }, body });
  return handleTRPCRequest(request, { db: testDb.db, getSession: async () => null });
}

interface ErrorBody {
  error: { json: { message: string; data: { code: string; fieldErrors: Record<string, string[]> | null } } };
}

const signUp = (name: string, email: string) =>
  JSON.stringify({ json: { name, company: "Nul Co", email, password: "a long enough password" } });

describe("the tRPC endpoint", () => {
  it("answers a body that is not JSON with its own message, not the parser's", async () => {
    const response = await post("auth.signUp", "{not json");
    expect(response.status).toBe(400);
    const body = (await response.json()) as ErrorBody;
    expect(body.error.json.message).toBe("The request body is not valid JSON.");
  });

  it("refuses a batch of more than MAX_BATCH_SIZE calls and serves one within it", async () => {
    const paths = (n: number) => Array.from({ length: n }, () => "auth.signUp").join(",");
    const input = (n: number) => JSON.stringify(Object.fromEntries(Array.from({ length: n }, (_, i) => [i, { json: {} }])));
    const tooMany = await post(`${paths(MAX_BATCH_SIZE + 1)}?batch=1`, input(MAX_BATCH_SIZE + 1));
    expect(tooMany.status).toBe(400);
    const allowed = await post(`${paths(MAX_BATCH_SIZE)}?batch=1`, input(MAX_BATCH_SIZE));
    // Each call is answered (with its own validation error), so the batch itself was accepted.
    expect((await allowed.json()) as unknown[]).toHaveLength(MAX_BATCH_SIZE);
  });

  it("answers a NUL byte in the sign-up name with a field error, and signs up the same name without it", async () => {
    const response = await post("auth.signUp", signUp("Nul\u0000Name", "nul@example.test"));
    expect(response.status).toBe(400);
    expect(((await response.json()) as ErrorBody).error.json.data.fieldErrors).toEqual({ name: ["Use letters, digits and punctuation only"] });
    expect((await post("auth.signUp", signUp("Nul Name", "nul@example.test"))).status).toBe(200);
  });
});
