import { InngestTestEngine } from "@inngest/test";
import type { InngestFunction } from "inngest";
import type { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import type { AnyWorkflow } from "../definition";
import { probe } from "../testing/probe";
import {
  debouncedWorkflow,
  doomedRequested,
  doomedWorkflow,
  flakyRequested,
  flakyWorkflow,
  forgivingWorkflow,
  fragileRequested,
  napRequested,
  napWorkflow,
  serialWorkflow,
  testWorkflows,
  yearlyWorkflow,
} from "../testing/workflows";
import { createInngestClient, INNGEST_APP_ID } from "./client";
import { toInngestFunction } from "./functions";
import { createInngestServeHandlers } from "./serve";
import { signedCallRequest } from "./signed-request";

const SIGNING_KEY = "signkey-test-8f3b1c2d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9";
const client = createInngestClient({ eventKey: "test-event-key", signingKey: SIGNING_KEY });

function optionsOf(fn: InngestFunction.Any): InngestFunction.Options {
  return fn.opts;
}

describe("Inngest function options", () => {
  it("map triggers, flow control and retries", () => {
    expect(optionsOf(toInngestFunction(client, serialWorkflow))).toMatchObject({
      id: "test-serial",
      triggers: [{ event: "test/serial.work" }],
      concurrency: { limit: 1, key: "'group:' + event.data.group" },
      retries: 0,
    });
    expect(optionsOf(toInngestFunction(client, debouncedWorkflow))).toMatchObject({
      debounce: { key: "event.data.key", period: "1s" },
      retries: 3,
    });
    expect(optionsOf(toInngestFunction(client, yearlyWorkflow))).toMatchObject({ triggers: [{ cron: "0 0 1 1 *" }] });
  });
});

describe("under @inngest/test", () => {
  it("runs a workflow's steps to its result", async () => {
    const t = new InngestTestEngine({ function: toInngestFunction(client, flakyWorkflow) });
    const { result } = await t.execute({ events: [flakyRequested.create({ key: "engine", failures: 0 })] });
    expect(result).toEqual({ prepared: "engine", result: "ok" });
    expect(probe.count("flaky", "engine")).toBe(1);
  });

  it("sleeps and sends events through Inngest's step tools", async () => {
    const t = new InngestTestEngine({ function: toInngestFunction(client, napWorkflow) });
    const { result, ctx } = await t.execute({
      events: [napRequested.create({ key: "engine-nap" })],
      steps: [
        { id: "nap", handler: () => null },
        { id: "announce", handler: () => ({ ids: ["sent-1"] }) },
      ],
    });
    expect(result).toBe(1);
    expect(ctx.step.sleep).toHaveBeenCalledWith("nap", "200ms");
    expect(probe.count("after-nap", "engine-nap")).toBe(1);
  });

  it("refuses, without retries, event data that doesn't match the trigger's schema", async () => {
    const t = new InngestTestEngine({ function: toInngestFunction(client, flakyWorkflow) });
    const { error } = await t.execute({ events: [{ name: flakyRequested.name, data: { key: "", failures: "many" } }] });
    expect(error).toMatchObject({ name: "NonRetriableError", message: expect.stringMatching(/Invalid data for event/) });
  });

  it("surfaces a NonRetriableError", async () => {
    const t = new InngestTestEngine({ function: toInngestFunction(client, doomedWorkflow) });
    const { error } = await t.execute({ events: [doomedRequested.create({ key: "engine-doomed" })] });
    expect(error).toMatchObject({ name: "NonRetriableError", message: "this record can never sync" });
  });
});

describe("through the serve() handler, with signed requests", () => {
  const handlers = createInngestServeHandlers(client, testWorkflows);
  const url = (fnId: string, stepId: string) => `http://localhost/api/inngest?fnId=${INNGEST_APP_ID}-${fnId}&stepId=${stepId}`;

  interface CallOptions {
    stepId?: string;
    signingKey?: string;
    attempt?: number;
    maxAttempts?: number;
  }

  async function call(fnId: string, event: unknown, steps: Record<string, unknown>, options: CallOptions = {}) {
    const ctx = { run_id: "01JRUNTEST", attempt: options.attempt ?? 0, max_attempts: options.maxAttempts ?? 4, disable_immediate_execution: false };
    const body = { event, events: [event], steps, ctx, version: 2 };
    const request = signedCallRequest({ url: url(fnId, options.stepId ?? "step"), body, signingKey: options.signingKey ?? SIGNING_KEY });
    const response = await handlers.POST(request as NextRequest, undefined);
    return { status: response.status, headers: response.headers, body: (await response.json()) as unknown };
  }

  /**
   * Plays Inngest's executor: calls until the function returns, memoizing each step it reports,
   * calling a failed step again (attempt + 1) while it has retries and memoizing its final error.
   */
  async function drive(workflow: AnyWorkflow, event: unknown) {
    const steps: Record<string, unknown> = {};
    let stepId: string | undefined;
    let attempt = 0;
    for (let request = 0; request < 30; request++) {
      const response = await call(workflow.id, event, steps, { stepId, attempt, maxAttempts: workflow.retries + 1 });
      if (response.status !== 206) return response;
      stepId = undefined;
      for (const op of response.body as Array<{ id: string; op: string; data?: unknown; error?: unknown }>) {
        if (op.op === "StepPlanned") {
          stepId = op.id;
        } else if (op.op === "StepError") {
          stepId = op.id;
          attempt++;
        } else {
          steps[op.id] = op.op === "StepFailed" ? { type: "error", error: op.error } : { type: "data", data: op.data ?? null };
          attempt = 0;
        }
      }
    }
    throw new Error("the function did not finish");
  }

  it("runs a workflow to completion step by step", async () => {
    const result = await drive(flakyWorkflow, { name: flakyRequested.name, data: { key: "served", failures: 0 }, ts: 1 });
    expect(result.status).toBe(200);
    expect(result.body).toEqual({ prepared: "served", result: "ok" });
    expect(probe.count("prepare", "served")).toBe(1);
  });

  it("retries a failing step, then lets the handler catch its error, as the embedded executor does", async () => {
    const result = await drive(forgivingWorkflow, { name: fragileRequested.name, data: { key: "served-forgiven" }, ts: 1 });
    expect(result.status).toBe(200);
    expect(result.body).toEqual({ recovered: "fell back after: still broken" });
    expect(probe.count("fragile", "served-forgiven")).toBe(forgivingWorkflow.retries + 1);
  });

  it("tells Inngest not to retry a NonRetriableError", async () => {
    const result = await drive(doomedWorkflow, { name: doomedRequested.name, data: { key: "served-doomed" }, ts: 1 });
    expect(result.status).toBe(400);
    expect(result.headers.get("x-inngest-no-retry")).toBe("true");
  });

  it("refuses a request signed with another key", async () => {
    const result = await call(flakyWorkflow.id, { name: flakyRequested.name, data: { key: "forged", failures: 0 } }, {}, { signingKey: "signkey-test-00" });
    expect(result.status).toBe(401);
    expect(probe.count("prepare", "forged")).toBe(0);
  });
});
