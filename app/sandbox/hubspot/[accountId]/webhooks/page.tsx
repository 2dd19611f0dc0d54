import { deliveryLog } from "@/server/sandbox/hubspot/ui/service";
import { Table } from "../../ui";

export const dynamic = "force-dynamic";

export default async function WebhooksPage({ params }: { params: Promise<{ accountId: string }> }) {
  const { accountId } = await params;
  const deliveries = await deliveryLog(Number(accountId));
  return (
    <div className="space-y-6">
      <h1 className="text-xl font-semibold">Webhook deliveries</h1>
      <Table label="Webhook deliveries" head={["ID", "App", "Created", "Status", "Attempts", "Events"]}>
        {deliveries.map((d) => (
          <tr key={d.id} className="border-b border-slate-100 align-top">
            <td className="py-1.5 pr-4">{d.id}</td>
            <td className="pr-4">{d.appId}</td>
            <td className="pr-4">{d.createdAt.toISOString()}</td>
            <td className="pr-4">{d.status}</td>
            <td className="pr-4">
              {d.attempts.map((a) => (
                <div key={a.attemptNumber}>{`#${a.attemptNumber} ${a.status ?? "no answer"}${a.error ? ` (${a.error})` : ""}`}</div>
              ))}
            </td>
            <td className="pr-4 font-mono text-xs">
              {d.events.map((e) => (
                <div key={`${e.eventId}-${e.subscriptionId}`}>{`${e.subscriptionType} ${e.objectTypeId}/${e.objectId}${e.propertyName ? ` ${e.propertyName}` : ""} · ${e.changeSource}`}</div>
              ))}
            </td>
          </tr>
        ))}
      </Table>
      {deliveries.length === 0 && <p className="text-sm text-slate-500">No deliveries yet.</p>}
    </div>
  );
}
