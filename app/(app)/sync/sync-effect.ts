import type { OverviewItem } from "@/app/_lib/api-types";
import { DIRECTION_TEXT } from "@/app/_lib/sync-labels";

/** What the sync's switch does in its current position, said next to it. */
export function effectOf(item: OverviewItem): string {
  if (item.object === "payments") {
    return item.enabled
      ? "Payments follow the invoice sync: on with two-way or HubSpot → QuickBooks invoices."
      : "Payments switch on with two-way or HubSpot → QuickBooks invoice sync; QuickBooks → HubSpot invoices don't carry payments.";
  }
  return item.enabled
    ? `On: changes sync ${DIRECTION_TEXT[item.direction].label}. Switching off stops syncing new changes; linked records stay linked.`
    : "Off: nothing syncs. Switching on runs the initial sync, which links the records that exist on both sides and copies the rest.";
}
