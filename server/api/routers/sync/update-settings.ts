import { TRPCError } from "@trpc/server";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { childrenRequested, initialSyncRequested, quickbooksPollRequested } from "../../../../inngest/events";
import { connections, syncConfigs, type SyncObject } from "../../../db/schema";
import { sendEvents } from "../../../runtime";
import { loadSyncConfig, saveSyncConfig } from "../../../sync/config";
import { orgAdminProcedure } from "../../trpc";
import { syncedObject } from "./schemas";
import { childSpecsOf, specFor } from "../../../sync/objects/registry";
import { applyInvoiceSettingsToAccounts } from "../../../sync/objects/invoice-settings-accounts";
import { createSyncContext } from "../../../sync/org-context";

export const updateSettingsInput = z.object({
  object: syncedObject,
  enabled: z.boolean().optional(),
  direction: z.enum(["two_way", "to_hubspot", "to_quickbooks"]).optional(),
  conflictWinner: z.enum(["hubspot", "quickbooks"]).optional(),
  displayNameSuffix: z.boolean().optional(),
  /** Invoices: the income account of the "Custom line item" item that unmatched lines go to (an active Income account). */
  customLineItemAccountId: z.string().min(1).max(40).optional(),
  /** Invoices: the HubSpot line-item date property carrying QuickBooks' service date ("" = none); one HubSpot doesn't have, or not a date, is a field error. */
  serviceDateProperty: z.string().max(100).optional(),
  /** Invoices: what a line without a service date gets. */
  serviceDateFallback: z.enum(["invoice_date", "due_date", "none"]).optional(),
});

async function childrenSwitchedOff(db: Parameters<typeof loadSyncConfig>[0], orgId: string, object: SyncObject): Promise<SyncObject[]> {
  const off: SyncObject[] = [];
  for (const child of childSpecsOf(object)) if (!(await loadSyncConfig(db, orgId, child.object)).enabled) off.push(child.object);
  return off;
}

export const updateSettingsResponse = z.object({ enabled: z.boolean(), initialSyncStarted: z.boolean() });

/**
 * Changes a sync's settings. Switching it on needs both accounts connected and starts the initial
 * sync (linking what exists on both sides) in the same transaction as the setting; the config row
 * is locked first, so several "switch on" calls at once start one initial sync. An income account
 * or service-date property the connected accounts don't have is refused with a field error.
 */
export const updateSettingsRoute = orgAdminProcedure
  .input(updateSettingsInput)
  .output(updateSettingsResponse)
  .mutation(async ({ ctx, input }) => {
    const parent = specFor(input.object)?.parent;
    if (parent) {
      throw new TRPCError({ code: "BAD_REQUEST", message: `Payments have no settings of their own: they follow the ${parent} sync (on with two-way or HubSpot → QuickBooks).` });
    }
    if (input.object === "invoices" && (input.customLineItemAccountId !== undefined || input.serviceDateProperty !== undefined)) {
      // Checked against (and applied to) the connected accounts before the transaction: no row stays locked while they answer.
      const current = await loadSyncConfig(ctx.db, ctx.org.id, "invoices");
      await applyInvoiceSettingsToAccounts(() => createSyncContext(ctx.db, ctx.org.id), input, current.settings);
    }
    if (input.enabled === true) {
      const active = await ctx.db.query.connections.findMany({
        where: and(eq(connections.orgId, ctx.org.id), eq(connections.status, "active")),
      });
      if (active.length < 2) {
        throw new TRPCError({ code: "PRECONDITION_FAILED", message: "Connect both HubSpot and QuickBooks Online before switching a sync on." });
      }
    }
    return ctx.db.transaction(async (tx) => {
      // The row must exist to be locked; made with the defaults, never overwriting one another call
      // just saved (an upsert here wrote back the values it read before the lock: several "switch on"
      // calls each saw the sync off and each started an initial sync).
      const defaults = await loadSyncConfig(tx, ctx.org.id, input.object);
      await tx
        .insert(syncConfigs)
        .values({ orgId: ctx.org.id, object: input.object, enabled: defaults.enabled, direction: defaults.direction, conflictWinner: defaults.conflictWinner, settings: defaults.settings })
        .onConflictDoNothing();
      await tx
        .select({ id: syncConfigs.id })
        .from(syncConfigs)
        .where(and(eq(syncConfigs.orgId, ctx.org.id), eq(syncConfigs.object, input.object)))
        .for("update");
      const current = await loadSyncConfig(tx, ctx.org.id, input.object);
      const switchingOn = input.enabled === true && !current.enabled;
      const childrenOff = await childrenSwitchedOff(tx, ctx.org.id, input.object);
      const saved = await saveSyncConfig(tx, ctx.org.id, input.object, {
        enabled: input.enabled ?? current.enabled,
        direction: input.direction ?? current.direction,
        conflictWinner: input.conflictWinner ?? current.conflictWinner,
        settings: {
          ...current.settings,
          ...(input.displayNameSuffix === undefined ? {} : { displayNameSuffix: input.displayNameSuffix }),
          ...(input.customLineItemAccountId === undefined ? {} : { customLineItemAccountId: input.customLineItemAccountId }),
          ...(input.serviceDateProperty === undefined ? {} : { serviceDateProperty: input.serviceDateProperty || undefined }),
          ...(input.serviceDateFallback === undefined ? {} : { serviceDateFallback: input.serviceDateFallback }),
        },
      });
      if (switchingOn && specFor(input.object)) {
        // The last run's progress is over: until the new run begins, none says it is waiting to.
        await tx
          .update(syncConfigs)
          .set({ initialSyncProgress: null })
          .where(and(eq(syncConfigs.orgId, ctx.org.id), eq(syncConfigs.object, input.object)));
        await sendEvents(
          [
            initialSyncRequested.create({ orgId: ctx.org.id, object: input.object }),
            quickbooksPollRequested.create({ orgId: ctx.org.id, chain: `switched-on:${input.object}:${Date.now()}` }),
          ],
          { tx },
        );
      }
      // A direction change that switches the children's sync on (payments, once invoices sync
      // two-way) brings over those made while it was off; after a switch-on the initial sync does.
      const childrenOn = childrenOff.length > 0 && (await childrenSwitchedOff(tx, ctx.org.id, input.object)).length < childrenOff.length;
      if (childrenOn && !switchingOn) await sendEvents([childrenRequested.create({ orgId: ctx.org.id, object: input.object })], { tx });
      return { enabled: saved.enabled, initialSyncStarted: switchingOn };
    });
  });
