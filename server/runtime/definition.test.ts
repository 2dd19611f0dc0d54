import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineEvent, defineWorkflow, type WorkflowHandler } from "./definition";
import { InvalidEventError, InvalidWorkflowError } from "./errors";

const changed = defineEvent("test/changed", z.object({ orgId: z.string().min(1), recordId: z.string() }));
const handler = async () => ({ default: async () => null });

describe("defineEvent", () => {
  it("builds validated events, with an optional id for idempotent sends", () => {
    expect(changed.create({ orgId: "o", recordId: "r" }, { id: "hook-1" })).toEqual({
      name: "test/changed",
      data: { orgId: "o", recordId: "r" },
      id: "hook-1",
    });
  });

  it("refuses data that doesn't match the schema, naming the field", () => {
    expect(() => changed.create({ orgId: "", recordId: "r" })).toThrowError(InvalidEventError);
    expect(() => changed.create({ orgId: "", recordId: "r" })).toThrowError(/orgId/);
  });
});

describe("defineWorkflow", () => {
  it("compiles flow-control keys and durations", () => {
    const workflow = defineWorkflow({
      id: "sync-thing",
      trigger: { event: changed },
      concurrency: { key: "event.data.orgId + ':' + event.data.recordId", limit: 1 },
      throttle: { key: "event.data.orgId", limit: 10, period: "10s" },
      debounce: { key: "event.data.recordId", period: "2s", timeout: "1m" },
      handler,
    });
    expect(workflow.concurrency?.key?.evaluate({ data: { orgId: "o", recordId: "r" } })).toBe("o:r");
    expect(workflow.throttle).toMatchObject({ limit: 10, periodMs: 10_000 });
    expect(workflow.debounce).toMatchObject({ periodMs: 2_000, timeoutMs: 60_000 });
    expect(workflow.retries).toBe(3);
    expect(workflow.eventName).toBe("test/changed");
  });

  it.each([
    ["an unsupported key expression", { concurrency: { key: "event.data.a == 1", limit: 1 } }, /key expression/],
    ["a bad duration", { throttle: { limit: 1, period: "soon" as "1s" } }, /throttle.period/],
    ["a zero limit", { concurrency: { limit: 0 } }, /concurrency.limit/],
    ["too many retries", { retries: 21 as 20 }, /retries/],
  ])("rejects %s at definition time", (_, extra, message) => {
    expect(() => defineWorkflow({ id: "bad", trigger: { event: changed }, handler, ...extra })).toThrowError(message);
    expect(() => defineWorkflow({ id: "bad", trigger: { event: changed }, handler, ...extra })).toThrowError(InvalidWorkflowError);
  });

  it("rejects a bad cron expression, a debounced cron and a malformed id", () => {
    expect(() => defineWorkflow({ id: "tick", trigger: { cron: "every minute" }, handler })).toThrowError(InvalidWorkflowError);
    expect(() => defineWorkflow({ id: "tick", trigger: { cron: "* * * * *" }, debounce: { period: "1s" }, handler })).toThrowError(
      /debounce needs an event trigger/,
    );
    expect(() => defineWorkflow({ id: "Not An Id", trigger: { event: changed }, handler })).toThrowError(/lowercase/);
  });
});

describe("handler typing", () => {
  const other = defineEvent("test/other", z.object({ count: z.number() }));
  const countHandler: WorkflowHandler<typeof other> = async ({ event }) => event.data.count + 1;
  const cronHandler: WorkflowHandler<"cron"> = async ({ event }) => event.data.cron;

  it("ties a handler to its trigger's event type", () => {
    expect(defineWorkflow({ id: "counts", trigger: { event: other }, handler: async () => ({ default: countHandler }) }).id).toBe("counts");
    expect(defineWorkflow({ id: "ticks", trigger: { cron: "* * * * *" }, handler: async () => ({ default: cronHandler }) }).id).toBe("ticks");
    // @ts-expect-error a handler for another event's data does not fit this trigger
    defineWorkflow({ id: "mismatch", trigger: { event: changed }, handler: async () => ({ default: countHandler }) });
    // @ts-expect-error a cron handler does not fit an event trigger
    defineWorkflow({ id: "mismatch-cron", trigger: { event: changed }, handler: async () => ({ default: cronHandler }) });
  });
});
