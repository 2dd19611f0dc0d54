import { eq, sql } from "drizzle-orm";
import { sandboxDb } from "./db";
import { accounts, users } from "./schema";

export type AccountRow = typeof accounts.$inferSelect;

export async function getAccount(id: number): Promise<AccountRow | undefined> {
  if (!Number.isSafeInteger(id)) return undefined;
  const [row] = await sandboxDb().select().from(accounts).where(eq(accounts.id, id));
  return row;
}

export async function listAccounts() {
  return sandboxDb().select().from(accounts).orderBy(accounts.id);
}

export async function usersOf(accountId: number) {
  return sandboxDb().select().from(users).where(eq(users.accountId, accountId)).orderBy(users.id);
}

/** A new portal with its first user. */
export async function createAccount(input: { name: string; userEmail?: string; isDemo?: boolean }) {
  return sandboxDb().transaction(async (tx) => {
    const [account] = await tx.insert(accounts).values({ name: input.name, isDemo: input.isDemo ?? false }).returning();
    if (!account) throw new Error("account insert returned nothing");
    const [user] = await tx
      .insert(users)
      .values({ accountId: account.id, email: input.userEmail ?? `admin@sandbox-${account.id}.hubspot.test` })
      .returning();
    if (!user) throw new Error("user insert returned nothing");
    return { account, user };
  });
}

export async function addUser(accountId: number, email: string) {
  const [user] = await sandboxDb().insert(users).values({ accountId, email }).returning();
  if (!user) throw new Error("user insert returned nothing");
  return user;
}

/** Uses up one of the account's "next N requests get a 429" faults; true when one was left. */
export async function consumeForcedRateLimit(accountId: number): Promise<boolean> {
  const rows = await sandboxDb()
    .update(accounts)
    .set({ faults: sql`jsonb_set(${accounts.faults}, '{rateLimitNext}', to_jsonb((${accounts.faults}->>'rateLimitNext')::int - 1))` })
    .where(sql`${accounts.id} = ${accountId} and coalesce((${accounts.faults}->>'rateLimitNext')::int, 0) > 0`)
    .returning({ id: accounts.id });
  return rows.length > 0;
}

/** The account's time scale, else `SANDBOX_TIME_SCALE`, else 1 (real time). */
export function timeScaleOf(account: Pick<AccountRow, "timeScale">): number {
  const fromEnv = Number(process.env.SANDBOX_TIME_SCALE ?? "1");
  const scale = account.timeScale ?? (Number.isFinite(fromEnv) && fromEnv > 0 ? fromEnv : 1);
  return scale > 0 ? scale : 1;
}
