import { eq, and } from "drizzle-orm";
import { CRON_EVENT_NAME, type AnyWorkflow } from "../definition";
import type { RuntimeDatabase } from "./execute";
import { cronSlots } from "./schema";
import { startRun } from "./start-run";

/**
 * Fires each cron workflow's latest due slot. The slot row is the claim: with several processes
 * only the one whose insert lands starts the run. Slots older than `floorMs` (missed while no
 * process was running, beyond the catch-up window) are not fired.
 */
export class CronScheduler {
  private readonly lastSlot = new Map<string, number>();

  constructor(
    private readonly db: RuntimeDatabase,
    private readonly workflows: readonly AnyWorkflow[],
    private readonly floorMs: number,
  ) {}

  async tick(now: number): Promise<number> {
    let fired = 0;
    for (const workflow of this.workflows) {
      const slot = workflow.cron?.previousSlot(new Date(now));
      if (!slot || slot.getTime() < this.floorMs || slot.getTime() <= (this.lastSlot.get(workflow.id) ?? -Infinity)) continue;
      const started = await this.db.transaction(async (tx) => {
        const claimed = await tx.insert(cronSlots).values({ workflowId: workflow.id, slotAt: slot }).onConflictDoNothing().returning();
        if (claimed.length === 0) return false;
        const trigger = { eventId: null, name: CRON_EVENT_NAME, data: { cron: workflow.cron?.source ?? "" }, externalId: null, ts: slot.getTime() };
        const runId = await startRun(tx as unknown as RuntimeDatabase, workflow, trigger, now);
        if (runId) await tx.update(cronSlots).set({ runId }).where(and(eq(cronSlots.workflowId, workflow.id), eq(cronSlots.slotAt, slot)));
        return true;
      });
      this.lastSlot.set(workflow.id, slot.getTime());
      if (started) fired++;
    }
    return fired;
  }
}
