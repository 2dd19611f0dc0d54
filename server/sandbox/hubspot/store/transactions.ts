import { sandboxDb } from "./db";
import { WriteSession, type Actor } from "./write-session";

/** Runs writes in one transaction, then settles invoices and queues webhooks before commit. */
export async function withWrite<T>(actor: Actor, fn: (session: WriteSession) => Promise<T>): Promise<T> {
  return sandboxDb().transaction(async (tx) => {
    const session = new WriteSession(tx, actor);
    const result = await fn(session);
    await session.finish();
    return result;
  });
}
