"use client";

import { Badge } from "@/app/_components/ui/badge";
import { Switch } from "@/app/_components/ui/switch";
import type { OverviewItem } from "@/app/_lib/api-types";
import { OBJECT_TEXT } from "@/app/_lib/sync-labels";

interface SyncSwitchProps {
  item: OverviewItem;
  canManage: boolean;
  busy: boolean;
  onToggle: (enabled: boolean) => void;
  /** The element saying what the switch does (see sync-effect.ts). */
  effectId: string;
  /** Its accessible name, "Contacts sync" unless the page already uses that for another control. */
  label?: string;
}

/** A sync's on/off switch; payments have none (they follow the invoice sync), only their state. */
export function SyncSwitch({ item, canManage, busy, onToggle, effectId, label }: SyncSwitchProps) {
  if (item.object === "payments") return <Badge tone={item.enabled ? "success" : "neutral"}>{item.enabled ? "On" : "Off"}</Badge>;
  const switchId = `sync-switch-${item.object}`;
  return (
    <div className="flex shrink-0 items-center gap-2">
      <Switch
        id={switchId}
        aria-label={label ?? `${OBJECT_TEXT[item.object].title} sync`}
        aria-describedby={effectId}
        checked={item.enabled}
        disabled={!canManage || busy}
        onCheckedChange={onToggle}
      />
      <label htmlFor={switchId} className="text-sm font-medium" aria-hidden>
        {item.enabled ? "On" : "Off"}
      </label>
    </div>
  );
}
