import { sandboxDb } from "@/server/sandbox/quickbooks/store/db";
import { webhookLog } from "@/server/sandbox/quickbooks/webhooks/log";
import { Cell, Table } from "../../../_components/ui";

export const dynamic = "force-dynamic";

export default async function WebhooksPage({ params }: { params: Promise<{ realmId: string }> }) {
  const { realmId } = await params;
  const deliveries = await webhookLog(sandboxDb(), realmId);
  return (
    <Table label="Webhook deliveries" headers={["Created", "App", "Changes", "Status", "Attempts", "Last response"]}>
      {deliveries.map((d) => (
        <tr key={d.id}>
          <Cell>{d.createdAt}</Cell>
          <Cell>{d.appName}</Cell>
          <Cell>
            <ul>
              {d.changes.map((c, index) => (
                <li key={index}>
                  {c.entityType} {c.entityId} · {c.operation}
                </li>
              ))}
            </ul>
          </Cell>
          <Cell>{d.status}</Cell>
          <Cell>
            {d.attempts}
            {d.attemptLog.length > 0 ? (
              <ul className="text-xs text-slate-500">
                {d.attemptLog.map((a) => (
                  <li key={a.attempt}>
                    #{a.attempt} {a.at} → {a.statusCode ?? a.error}
                  </li>
                ))}
              </ul>
            ) : null}
          </Cell>
          <Cell>{d.lastStatusCode ?? d.lastError ?? "—"}</Cell>
        </tr>
      ))}
    </Table>
  );
}
