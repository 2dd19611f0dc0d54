import type { Metadata } from "next";
import { MembersPanel } from "./members-panel";

export const metadata: Metadata = { title: "Members" };

export default function MembersPage() {
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Members</h1>
        <p className="mt-1 max-w-2xl text-sm text-slate-600">
          Owners and admins manage connections and sync settings and invite people; members see everything but change nothing.
        </p>
      </div>
      <MembersPanel />
    </div>
  );
}
