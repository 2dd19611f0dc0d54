/**
 * Tandem's workflows in a worker process of its own, for tests that kill it as a crash would
 * (`Stack.runtimeInWorker`): it inherits the test stack's environment, so it works on the stack's
 * database and reaches the sandboxes over loopback. Prints "ready" once it takes runs.
 */
import { startEmbeddedRuntime } from "../runtime/embedded/runtime";
import { TEST_RUNTIME_SETTINGS } from "./runtime-settings";

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error("runtime-worker.ts needs DATABASE_URL (the test stack's)");
const runtime = await startEmbeddedRuntime({ databaseUrl, ...TEST_RUNTIME_SETTINGS });
process.once("SIGTERM", () => void runtime.stop({ graceMs: 1_000 }).then(() => process.exit(0)));
process.stdout.write("ready\n");
