"use client";

import { useQuery } from "@tanstack/react-query";
import type { SyncObject } from "@/app/_lib/api-types";
import { useTRPC } from "@/app/_lib/trpc";
import { ObjectSettings } from "../../../setup/object-settings";
import { BackfillPanel } from "./backfill-panel";
import { SyncSwitchPanel } from "./sync-switch-panel";

export function SettingsEditor({ object }: { object: SyncObject }) {
  const trpc = useTRPC();
  const me = useQuery(trpc.account.me.queryOptions());
  const canManage = me.data ? me.data.org.role !== "member" : false;
  return (
    <>
      <SyncSwitchPanel object={object} canManage={canManage} />
      <ObjectSettings object={object} canManage={canManage} />
      {object === "invoices" && <BackfillPanel canManage={canManage} />}
    </>
  );
}
