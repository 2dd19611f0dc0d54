import { and, desc, eq, sql } from "drizzle-orm";
import { backfillRequested } from "../../../inngest/events";
import { FieldError } from "../../auth/field-error";
import type { Database } from "../../db/client";
import { backfills, type Backfill, type BackfillCounts, type BackfillState, type SyncObject } from "../../db/schema";
import { sendEvents } from "../../runtime";
import type { DateRange } from "../engine/adapter";
import { loadObjectEnv } from "../engine/object-env";
import { assertBackfillable } from "./rules";
import { emptyCounts } from "./run";
import { backfillEnv, type BackfillDirection } from "./scope";

export interface BackfillView {
  id: string;
  object: SyncObject;
  direction: BackfillDirection;
  range: DateRange;
  state: BackfillState;
  /** The preview's counts when the run began (null until then). */
  expected: Backfill["expected"];
  /** What it did so far, over every page. */
  done: BackfillCounts;
  /** Records dealt with per minute since it started (to its end, once over). */
  perMinute: number | null;
  resumes: number;
  lastResumedAt: Date | null;
  error: string | null;
  startedAt: Date;
  finishedAt: Date | null;
}

export function toView(row: Backfill, now = new Date()): BackfillView {
  const done = emptyCounts();
  for (const page of Object.values(row.pageCounts)) for (const key of Object.keys(done) as Array<keyof BackfillCounts>) done[key] += page[key] ?? 0;
  const handled = done.created + done.linked + done.updated + done.unchanged + done.excluded + done.failed;
  const minutes = ((row.finishedAt ?? now).getTime() - row.createdAt.getTime()) / 60_000;
  return {
    id: row.id,
    object: row.object,
    direction: row.direction,
    range: { from: row.rangeFrom, to: row.rangeTo },
    state: row.state,
    expected: row.expected ?? null,
    done,
    perMinute: handled > 0 && minutes > 0 ? Math.round((handled / minutes) * 10) / 10 : null,
    resumes: row.resumes,
    lastResumedAt: row.lastResumedAt,
    error: row.error,
    startedAt: row.createdAt,
    finishedAt: row.finishedAt,
  };
}

/**
 * Starts a backfill: checks that the sync can take it, stores it and queues its run in one
 * transaction. One per object at a time (a unique index holds that, whoever asks at once).
 */
export async function startBackfill(
  db: Database,
  orgId: string,
  userId: string,
  input: { object: SyncObject; direction: BackfillDirection; range: DateRange },
): Promise<BackfillView> {
  assertBackfillable(backfillEnv(await loadObjectEnv(db, orgId, input.object), input.direction), input.direction);
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(backfills)
        .values({ orgId, object: input.object, direction: input.direction, rangeFrom: input.range.from, rangeTo: input.range.to, startedBy: userId })
        .returning();
      await sendEvents(backfillRequested.create({ orgId, backfillId: row!.id }), { tx });
      return toView(row!);
    });
  } catch (error) {
    if ((error as { cause?: { code?: string } }).cause?.code === "23505" || (error as { code?: string }).code === "23505") {
      throw new FieldError("object", `A backfill of ${input.object} is already running: wait for it or cancel it.`, "CONFLICT");
    }
    throw error;
  }
}

/** The object's backfills, newest first. */
export async function listBackfills(db: Database, orgId: string, object: SyncObject, limit = 10): Promise<BackfillView[]> {
  const rows = await db
    .select()
    .from(backfills)
    .where(and(eq(backfills.orgId, orgId), eq(backfills.object, object)))
    .orderBy(desc(backfills.createdAt))
    .limit(limit);
  return rows.map((row) => toView(row));
}

/** Asks a running backfill to stop after the invoice it is on; what it did stays synced. */
export async function cancelBackfill(db: Database, orgId: string, backfillId: string): Promise<BackfillView> {
  const [row] = await db
    .update(backfills)
    .set({ state: "cancelling", updatedAt: sql`now()` })
    .where(and(eq(backfills.orgId, orgId), eq(backfills.id, backfillId), eq(backfills.state, "running")))
    .returning();
  if (row) return toView(row);
  const current = await db.query.backfills.findFirst({ where: and(eq(backfills.orgId, orgId), eq(backfills.id, backfillId)) });
  if (!current) throw new FieldError("id", "No such backfill.", "NOT_FOUND");
  throw new FieldError("id", `The backfill is ${current.state} already.`, "CONFLICT");
}
