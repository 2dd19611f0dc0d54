/**
 * A workflow for the crash-resume test. Its steps record each execution in a table so that
 * counts survive the worker process being killed; step two hangs in the first worker.
 */
import postgres from "postgres";
import { z } from "zod";
import { defineEvent, defineWorkflow, type WorkflowHandler } from "../definition";

export const crashRequested = defineEvent("test/crash.requested", z.object({ key: z.string().min(1) }));

export const CRASH_MARKS_TABLE = "crash_marks";

async function mark(step: string, key: string): Promise<void> {
  const client = postgres(process.env.CRASH_MARKS_URL ?? "", { max: 1, onnotice: () => {} });
  try {
    await client`insert into crash_marks (step, key) values (${step}, ${key})`;
  } finally {
    await client.end({ timeout: 5 });
  }
}

const handler: WorkflowHandler<typeof crashRequested> = async ({ event, step }) => {
  await step.run("one", () => mark("one", event.data.key));
  await step.run("two", async () => {
    await mark("two", event.data.key);
    if (process.env.CRASH_HANG === "1") await new Promise(() => {});
  });
  return "done";
};

export const crashWorkflow = defineWorkflow({
  id: "test-crash",
  trigger: { event: crashRequested },
  retries: 2,
  handler: async () => ({ default: handler }),
});
