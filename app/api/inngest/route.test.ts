import type { NextRequest } from "next/server";
import { afterEach, expect, it, vi } from "vitest";
import { workflows } from "@/inngest";
import { signBody } from "@/server/runtime/inngest-executor/signed-request";

const SIGNING_KEY = "signkey-test-0123456789abcdef";

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
  delete (globalThis as { tandemInngest?: unknown }).tandemInngest;
});

async function loadRoute(runtime: "embedded" | "inngest") {
  vi.stubEnv("DATABASE_URL", "postgres://unused@127.0.0.1:1/unused");
  vi.stubEnv("SYNC_RUNTIME", runtime);
  vi.stubEnv("INNGEST_EVENT_KEY", "test-event-key");
  vi.stubEnv("INNGEST_SIGNING_KEY", SIGNING_KEY);
  vi.resetModules();
  return import("./route");
}

/** Inngest signs its introspection GET too, over an empty body. */
const get = (route: Awaited<ReturnType<typeof loadRoute>>, signingKey = SIGNING_KEY) =>
  route.GET(
    new Request("http://localhost/api/inngest", { headers: { "x-inngest-signature": signBody("", signingKey) } }) as NextRequest,
    undefined,
  );

it("is not served with the embedded executor", async () => {
  expect((await get(await loadRoute("embedded"))).status).toBe(404);
});

it("serves every workflow to Inngest with SYNC_RUNTIME=inngest", async () => {
  const response = await get(await loadRoute("inngest"));
  expect(response.status).toBe(200);
  expect(await response.json()).toMatchObject({ function_count: workflows.length, mode: "cloud" });
});

it("refuses callers without the signing key", async () => {
  expect((await get(await loadRoute("inngest"), "signkey-test-ffff")).status).toBe(401);
});
