/**
 * The Inngest executor: each workflow declaration becomes an `inngest.createFunction`, with its
 * trigger, concurrency, throttle, debounce and retries mapped to Inngest's options, and its
 * handler given Inngest's own `step.run` / `step.sleep` / `step.sendEvent`.
 */
import { NonRetriableError, type Inngest, type InngestFunction } from "inngest";
import type { AnyWorkflow, Duration, RuntimeEvent, StepTools, WorkflowContext } from "../definition";

type TimeStr = `${number}${"s" | "m" | "h" | "d"}`;

/** Inngest wants time strings; numbers are milliseconds in our declarations. */
function timeStr(duration: Duration): TimeStr {
  return (typeof duration === "number" ? `${Math.max(1, Math.ceil(duration / 1000))}s` : duration) as TimeStr;
}

interface InngestStep {
  run: (id: string, fn: () => unknown) => Promise<unknown>;
  sleep: (id: string, duration: number | string) => Promise<void>;
  sendEvent: (id: string, payload: RuntimeEvent | RuntimeEvent[]) => Promise<{ ids: string[] }>;
}

function portStep(step: InngestStep): StepTools {
  return {
    run: (id, fn) => step.run(id, fn) as never,
    sleep: (id, duration) => step.sleep(id, duration),
    sendEvent: async (id, events) => ({ ids: (await step.sendEvent(id, events)).ids }),
  };
}

export function toInngestFunction(client: Inngest, workflow: AnyWorkflow): InngestFunction.Any {
  const { options } = workflow;
  const trigger = workflow.eventName ? { event: workflow.eventName } : { cron: options.trigger.cron as string };
  return client.createFunction(
    {
      id: workflow.id,
      ...(options.name ? { name: options.name } : {}),
      triggers: [trigger],
      retries: options.retries ?? 3,
      ...(options.concurrency
        ? { concurrency: { limit: options.concurrency.limit, ...(options.concurrency.key ? { key: options.concurrency.key } : {}) } }
        : {}),
      ...(options.throttle
        ? {
            throttle: {
              limit: options.throttle.limit,
              period: timeStr(options.throttle.period),
              ...(options.throttle.key ? { key: options.throttle.key } : {}),
            },
          }
        : {}),
      ...(options.debounce
        ? {
            debounce: {
              period: timeStr(options.debounce.period),
              ...(options.debounce.key ? { key: options.debounce.key } : {}),
              ...(options.debounce.timeout !== undefined ? { timeout: timeStr(options.debounce.timeout) } : {}),
            },
          }
        : {}),
    },
    async (ctx) => {
      const handler = await workflow.loadHandler();
      const event = ctx.event as RuntimeEvent & { ts?: number };
      let data: Record<string, unknown>;
      try {
        data = workflow.parseEventData(event.data);
      } catch (error) {
        // Data that fails its schema fails the same way on every retry.
        throw new NonRetriableError((error as Error).message, { cause: error });
      }
      const portCtx: WorkflowContext = {
        event: { name: event.name, data, ...(event.id ? { id: event.id } : {}), ...(event.ts ? { ts: event.ts } : {}) },
        step: portStep(ctx.step as unknown as InngestStep),
        runId: ctx.runId,
        attempt: ctx.attempt,
      };
      return handler(portCtx);
    },
  ) as unknown as InngestFunction.Any;
}
