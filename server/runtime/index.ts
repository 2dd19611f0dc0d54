/**
 * The workflow runtime's public API. Workflows are declared in `inngest/` with `defineWorkflow`
 * (handlers in their own files), events with `defineEvent`; `sendEvents` starts runs on the
 * executor `SYNC_RUNTIME` selects; `startEmbeddedRuntime` runs the embedded executor's workers.
 */
export {
  defineEvent,
  defineWorkflow,
  type AnyWorkflow,
  type CronEvent,
  type Duration,
  type EventDefinition,
  type RuntimeEvent,
  type StepTools,
  type Workflow,
  type WorkflowContext,
  type WorkflowHandler,
  type WorkflowOptions,
} from "./definition";
export { InvalidEventError, InvalidWorkflowError, NonRetriableError } from "./errors";
export { InvalidKeyExpressionError } from "./expression";
export { InvalidCronError } from "./cron";
export { sendEvents, type SendEventsOptions } from "./send-events";
export { startEmbeddedRuntime, type EmbeddedRuntime, type EmbeddedRuntimeOptions } from "./embedded/runtime";
export { countRuns, getRun, listRuns, runStatus, type RunRecord, type StepRecord } from "./embedded/inspect";
