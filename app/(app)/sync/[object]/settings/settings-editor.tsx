"use client";

import { useQuery } from "@tanstack/react-query";
import type { SyncObject } from "@/app/_lib/api-types";
import { useTRPC } from "@/app/_lib/trpc";
import { ObjectSettings } from "../../../setup/object-settings";

export function SettingsEditor({ object }: { object: SyncObject }) {
  const trpc = useTRPC();
  const me = useQuery(trpc.account.me.queryOptions());
  return <ObjectSettings object={object} canManage={me.data ? me.data.org.role !== "member" : false} />;
}
