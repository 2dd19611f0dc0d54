import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import type { SyncObject } from "@/app/_lib/api-types";
import { OBJECT_TEXT, SYNC_OBJECTS } from "@/app/_lib/sync-labels";
import { SettingsEditor } from "./settings-editor";

export const metadata: Metadata = { title: "Sync settings" };

export default async function SyncSettingsPage({ params }: { params: Promise<{ object: string }> }) {
  const { object } = await params;
  if (!SYNC_OBJECTS.includes(object as SyncObject)) notFound();
  const text = OBJECT_TEXT[object as SyncObject];
  return (
    <div className="space-y-6">
      <div>
        <Link href="/sync" className="text-sm font-medium text-brand-700 underline-offset-2 hover:underline">
          ← Sync overview
        </Link>
        <h1 className="mt-2 text-2xl font-semibold">{text.title} sync settings</h1>
        <p className="text-sm text-slate-600">{text.detail} The same steps as in the setup; changes save as you make them.</p>
      </div>
      <SettingsEditor object={object as SyncObject} />
    </div>
  );
}
