import { and, eq, inArray, ne, sql } from "drizzle-orm";
import { recordChanged } from "../../inngest/events";
import type { Database } from "../db/client";
import { connections, webhookInbox, type Provider } from "../db/schema";
import { sendEvents, type RuntimeEvent } from "../runtime";
import type { ChangeNotification } from "./notifications";
import { knownCreates } from "./known-creates";

export interface IntakeResult {
  stored: number;
  duplicates: number;
  ownWrites: number;
  unknownAccounts: number;
}

/**
 * Stores notifications in the inbox, once for each org that connected the account (a redelivered
 * event id is ignored), and starts their sync runs in the same transaction, so an event is never
 * stored without its run or run twice. The Create notification of a record Tandem created is
 * stored as already processed, with no run (`knownCreates`), as is that of a QuickBooks record
 * Tandem has already synced: counted with the own writes.
 */
export async function acceptNotifications(db: Database, provider: Provider, notifications: ChangeNotification[]): Promise<IntakeResult> {
  const result: IntakeResult = { stored: 0, duplicates: 0, ownWrites: 0, unknownAccounts: 0 };
  const relevant = notifications.filter((n) => !n.ownWrite);
  result.ownWrites = notifications.length - relevant.length;
  if (relevant.length === 0) return result;

  const accountIds = [...new Set(relevant.map((n) => n.accountId))];
  const connected = await db
    .select({ id: connections.id, orgId: connections.orgId, accountId: connections.externalAccountId })
    .from(connections)
    .where(and(eq(connections.provider, provider), inArray(connections.externalAccountId, accountIds), ne(connections.status, "disconnected")));
  const byAccount = new Map<string, typeof connected>();
  for (const connection of connected) byAccount.set(connection.accountId, [...(byAccount.get(connection.accountId) ?? []), connection]);

  await db.transaction(async (tx) => {
    const events: RuntimeEvent[] = [];
    const echoes = new Map<string, Set<ChangeNotification>>();
    for (const connection of connected) {
      echoes.set(connection.id, await knownCreates(tx, provider, connection.orgId, relevant.filter((n) => n.accountId === connection.accountId)));
    }
    for (const notification of relevant) {
      const receivers = byAccount.get(notification.accountId) ?? [];
      if (receivers.length === 0) result.unknownAccounts++;
      for (const connection of receivers) {
        const echo = echoes.get(connection.id)!.has(notification);
        const [stored] = await tx
          .insert(webhookInbox)
          .values({
            provider,
            eventId: notification.eventId,
            connectionId: connection.id,
            object: notification.object,
            recordId: notification.recordId,
            payload: notification.payload,
            // Kept as received and dealt with: the record is as Tandem created it.
            processedAt: echo ? sql`now()` : null,
          })
          .onConflictDoNothing()
          .returning({ id: webhookInbox.id });
        if (!stored) {
          result.duplicates++;
          continue;
        }
        if (echo) {
          result.ownWrites++;
          continue;
        }
        result.stored++;
        if (notification.object) {
          events.push(
            recordChanged.create(
              { orgId: connection.orgId, object: notification.object, side: provider, recordId: notification.recordId },
              { id: `${provider}:${connection.id}:${notification.eventId}` },
            ),
          );
        }
      }
    }
    await sendEvents(events, { tx });
  });
  return result;
}
