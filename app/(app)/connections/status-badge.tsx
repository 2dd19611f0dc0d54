import type { ConnectionHealth } from "@/server/connections/list-connections";

const BADGES: Record<ConnectionHealth, { label: string; className: string }> = {
  active: { label: "Active", className: "bg-emerald-50 text-emerald-700 ring-emerald-600/20" },
  needs_reauth: { label: "Needs reconnect", className: "bg-amber-50 text-amber-800 ring-amber-600/30" },
  disconnected: { label: "Disconnected", className: "bg-slate-100 text-slate-600 ring-slate-500/20" },
  not_connected: { label: "Not connected", className: "bg-slate-100 text-slate-600 ring-slate-500/20" },
};

export function StatusBadge({ status }: { status: ConnectionHealth }) {
  const badge = BADGES[status];
  return (
    <span className={`inline-flex items-center rounded-full px-2.5 py-0.5 text-xs font-medium ring-1 ring-inset ${badge.className}`} data-testid="connection-status">
      {badge.label}
    </span>
  );
}
