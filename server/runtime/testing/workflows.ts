/**
 * Workflows used to test both executors. They record what they did in `probe` so tests can
 * check attempts, overlaps and payloads without asserting timings.
 */
import { z } from "zod";
import { defineEvent, defineWorkflow, type WorkflowHandler } from "../definition";
import { NonRetriableError } from "../errors";
import { probe } from "./probe";

const keyed = z.object({ key: z.string().min(1) });

export const flakyRequested = defineEvent("test/flaky.requested", keyed.extend({ failures: z.number().int().min(0) }));
const flakyHandler: WorkflowHandler<typeof flakyRequested> = async ({ event, step }) => {
  const first = await step.run("prepare", () => {
    probe.record("prepare", event.data.key);
    return { prepared: event.data.key };
  });
  const result = await step.run("flaky", () => {
    probe.record("flaky", event.data.key);
    if (probe.count("flaky", event.data.key) <= event.data.failures) throw new Error(`failure ${probe.count("flaky", event.data.key)}`);
    return "ok";
  });
  return { ...first, result };
};
export const flakyWorkflow = defineWorkflow({
  id: "test-flaky",
  trigger: { event: flakyRequested },
  retries: 4,
  handler: async () => ({ default: flakyHandler }),
});

export const doomedRequested = defineEvent("test/doomed.requested", keyed);
const doomedHandler: WorkflowHandler<typeof doomedRequested> = async ({ event, step }) => {
  await step.run("refuse", () => {
    probe.record("refuse", event.data.key);
    throw new NonRetriableError("this record can never sync");
  });
};
export const doomedWorkflow = defineWorkflow({
  id: "test-doomed",
  trigger: { event: doomedRequested },
  retries: 5,
  handler: async () => ({ default: doomedHandler }),
});

export const fragileRequested = defineEvent("test/fragile.requested", keyed);
const forgivingHandler: WorkflowHandler<typeof fragileRequested> = async ({ event, step }) => {
  try {
    await step.run("fragile", () => {
      probe.record("fragile", event.data.key);
      throw new Error("still broken");
    });
    return { recovered: null };
  } catch (error) {
    // A step that used up its retries rejects with its error; the handler may carry on.
    const fallback = await step.run("fallback", () => `fell back after: ${(error as Error).message}`);
    return { recovered: fallback };
  }
};
export const forgivingWorkflow = defineWorkflow({
  id: "test-forgiving",
  trigger: { event: fragileRequested },
  retries: 1,
  handler: async () => ({ default: forgivingHandler }),
});

export const serialWork = defineEvent("test/serial.work", z.object({ group: z.string(), item: z.string(), waitFor: z.string().optional() }));
const serialHandler: WorkflowHandler<typeof serialWork> = async ({ event, step }) => {
  await step.run("work", async () => {
    probe.record("start", event.data.group, event.data.item);
    // Proves two groups run at once: this run can only finish while the other group's run is active.
    if (event.data.waitFor) await probe.waitFor("start", event.data.waitFor);
    await new Promise((r) => setTimeout(r, 30));
    probe.record("end", event.data.group, event.data.item);
  });
};
export const serialWorkflow = defineWorkflow({
  id: "test-serial",
  trigger: { event: serialWork },
  concurrency: { key: "'group:' + event.data.group", limit: 1 },
  retries: 0,
  handler: async () => ({ default: serialHandler }),
});

export const patientWork = defineEvent("test/patient.work", keyed);
const patientHandler: WorkflowHandler<typeof patientWork> = async ({ event, step }) => {
  await step.run("wait", async () => {
    probe.record("patient", event.data.key);
    await probe.waitFor("release", event.data.key, 60_000);
  });
};
/** No concurrency key: only the lease keeps a second worker from running it again. */
export const patientWorkflow = defineWorkflow({
  id: "test-patient",
  trigger: { event: patientWork },
  handler: async () => ({ default: patientHandler }),
});

export const throttledWork = defineEvent("test/throttled.work", keyed.extend({ item: z.number().int() }));
const throttledHandler: WorkflowHandler<typeof throttledWork> = async ({ event, step }) => {
  await step.run("work", () => probe.record("throttled", event.data.key, event.data.item));
};
export const throttledWorkflow = defineWorkflow({
  id: "test-throttled",
  trigger: { event: throttledWork },
  throttle: { key: "event.data.key", limit: 2, period: "1s" },
  handler: async () => ({ default: throttledHandler }),
});

export const noteChanged = defineEvent("test/note.changed", keyed.extend({ version: z.number().int() }));
const debouncedHandler: WorkflowHandler<typeof noteChanged> = async ({ event, step }) => {
  await step.run("sync", () => probe.record("debounced", event.data.key, event.data.version));
  return event.data.version;
};
export const debouncedWorkflow = defineWorkflow({
  id: "test-debounced",
  trigger: { event: noteChanged },
  debounce: { key: "event.data.key", period: "1s" },
  handler: async () => ({ default: debouncedHandler }),
});

export const napRequested = defineEvent("test/nap.requested", keyed);
const napHandler: WorkflowHandler<typeof napRequested> = async ({ event, step }) => {
  await step.run("before", () => probe.record("before-nap", event.data.key));
  await step.sleep("nap", "200ms");
  await step.run("after", () => probe.record("after-nap", event.data.key));
  const sent = await step.sendEvent("announce", noteChanged.create({ key: `from-nap-${event.data.key}`, version: 1 }));
  return sent.ids.length;
};
export const napWorkflow = defineWorkflow({
  id: "test-nap",
  trigger: { event: napRequested },
  handler: async () => ({ default: napHandler }),
});

const yearlyHandler: WorkflowHandler<"cron"> = async ({ event, step }) => {
  await step.run("tick", () => probe.record("cron", event.data.cron));
};
export const yearlyWorkflow = defineWorkflow({
  id: "test-yearly",
  trigger: { cron: "0 0 1 1 *" },
  handler: async () => ({ default: yearlyHandler }),
});

export const testWorkflows = [
  flakyWorkflow,
  doomedWorkflow,
  forgivingWorkflow,
  serialWorkflow,
  patientWorkflow,
  throttledWorkflow,
  debouncedWorkflow,
  napWorkflow,
  yearlyWorkflow,
];
