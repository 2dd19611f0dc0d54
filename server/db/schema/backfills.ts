import { sql } from "drizzle-orm";
import { date, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { orgs, users } from "./accounts";
import { filterDirection, syncObject } from "./sync";

export const backfillState = pgEnum("backfill_state", ["running", "cancelling", "cancelled", "finished", "failed"]);
export type BackfillState = (typeof backfillState.enumValues)[number];

/** What one page of a backfill did, by outcome. */
export interface BackfillCounts {
  read: number;
  created: number;
  linked: number;
  updated: number;
  unchanged: number;
  excluded: number;
  failed: number;
}

/**
 * A historic backfill: the invoices dated in a range, copied one way past the "created after the
 * sync started" cutoff. Its progress is stored per page (`pageCounts[n]`, overwritten as the page
 * goes), so a page run again after a crash replaces its own counts instead of adding to them.
 */
export const backfills = pgTable(
  "backfills",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => orgs.id, { onDelete: "cascade" }),
    object: syncObject("object").notNull(),
    direction: filterDirection("direction").notNull(),
    /** The invoice dates covered, both ends included. */
    rangeFrom: date("range_from").notNull(),
    rangeTo: date("range_to").notNull(),
    state: backfillState("state").notNull().default("running"),
    startedBy: uuid("started_by").references(() => users.id, { onDelete: "set null" }),
    /** The preview's counts when it was started, shown beside the progress. */
    expected: jsonb("expected").$type<{ create: number; link: number; unchanged: number; exclude: number; fail: number } | null>(),
    pageCounts: jsonb("page_counts").$type<Record<string, BackfillCounts>>().notNull().default({}),
    /** Page steps that ran again after an interruption (a crash, a restart, a retried error). */
    resumes: integer("resumes").notNull().default(0),
    lastResumedAt: timestamp("last_resumed_at", { withTimezone: true }),
    error: text("error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [
    index("backfills_org_idx").on(t.orgId, t.object, t.createdAt),
    // One backfill at a time per object: two would race for the same invoices' counterparts.
    uniqueIndex("backfills_one_active").on(t.orgId, t.object).where(sql`state in ('running', 'cancelling')`),
  ],
);

export type Backfill = typeof backfills.$inferSelect;
