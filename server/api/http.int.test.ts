import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PEER_ADDRESS_HEADER } from "../auth/client-address";
import { BUSY_BACKLOG, HASHING_SLOTS, verifyPassword } from "../auth/password";
import { MAX_BODY_BYTES } from "../limited-body";
import { createTestDatabase, type TestDatabase } from "../testing/database";
import { MAX_BATCH_SIZE } from "./batch-limit";
import { handleTRPCRequest } from "./http";

const SIGN_UPS_PER_ADDRESS = 3;

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase();
  Object.assign(process.env, { DATABASE_URL: testDb.url, SIGN_UP_MAX_PER_ADDRESS: String(SIGN_UPS_PER_ADDRESS) });
});
afterAll(() => testDb.drop());

function post(path: string, body: BodyInit, headers: Record<string, string> = {}) {
  const request = new Request(`http://localhost/api/trpc/${path}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body, duplex: "half" } as RequestInit);
  return handleTRPCRequest(request, { db: testDb.db, getSession: async () => null });
}

const userExists = async (email: string) => (await testDb.db.query.users.findFirst({ where: (u, { eq }) => eq(u.email, email) })) !== undefined;

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

  it("refuses a body over the limit with 413 before reading it, and serves one within it", async () => {
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({ pull: (controller) => void (pulled++, controller.enqueue(new Uint8Array(64 * 1024))) }, { highWaterMark: 0 });
    const tooLarge = await post("auth.signUp", body, { "content-length": String(2 * MAX_BODY_BYTES) });
    expect(tooLarge.status).toBe(413);
    expect(pulled).toBe(0);
    expect((await post("auth.signUp", signUp("Size Ok", "size-ok@example.test"))).status).toBe(200);
  });
});

describe("creating accounts", () => {
  it("allows SIGN_UP_MAX_PER_ADDRESS an hour from one client address, then refuses with 429 and creates nothing; another address still signs up", async () => {
    const from = (address: string) => ({ [PEER_ADDRESS_HEADER]: address });
    for (let i = 0; i < SIGN_UPS_PER_ADDRESS; i++) {
      expect((await post("auth.signUp", signUp("Flood", `flood-${i}@example.test`), from("198.51.100.7"))).status).toBe(200);
    }
    const refused = await post("auth.signUp", signUp("Flood", "flood-over@example.test"), from("198.51.100.7"));
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as ErrorBody).error.json.message).toMatch(/Too many accounts created from this address/);
    expect(await userExists("flood-over@example.test")).toBe(false);
    expect((await post("auth.signUp", signUp("Other", "other-address@example.test"), from("198.51.100.8"))).status).toBe(200);
  });

  it("waits while sign-ins queue for password hashing: refused with 429 then, served once they are through", async () => {
    // Enough to fill every hashing slot and leave a full backlog waiting, whatever the core count.
    const signIns = Array.from({ length: HASHING_SLOTS + BUSY_BACKLOG + 1 }, () => verifyPassword("guess", "scrypt$32768$8$1$c2FsdA==$aGFzaA=="));
    const busy = await post("auth.signUp", signUp("Busy", "busy@example.test"));
    expect(busy.status).toBe(429);
    expect(((await busy.json()) as ErrorBody).error.json.message).toMatch(/busy/);
    expect(await userExists("busy@example.test")).toBe(false);
    await Promise.all(signIns);
    expect((await post("auth.signUp", signUp("Busy", "busy@example.test"))).status).toBe(200);
  });
});
