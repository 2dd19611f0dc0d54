/** A worker process for the crash-resume test: `node --import tsx crash-worker.ts <databaseUrl>`. */
import { startEmbeddedRuntime } from "../embedded/runtime";
import { crashWorkflow } from "./crash-workflow";

const [databaseUrl] = process.argv.slice(2);
if (!databaseUrl) throw new Error("usage: crash-worker.ts <databaseUrl>");
const runtime = await startEmbeddedRuntime({
  databaseUrl,
  workflows: [crashWorkflow],
  pollIntervalMs: 100,
  leaseMs: Number(process.env.LEASE_MS ?? 1_000),
});
process.once("SIGTERM", () => void runtime.stop({ graceMs: 500 }).then(() => process.exit(0)));
process.stdout.write("ready\n");
