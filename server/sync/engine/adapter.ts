import type { Side } from "../links";
import type { Scalar, SideRecord } from "./values";

/** A write of field paths to one side; `traceId` ties a batch answer to its input (the link id). */
export interface WriteInput {
  traceId: string;
  fields: Record<string, Scalar>;
  /** The record's id on the other side: HubSpot records carry it so a retried create finds its first attempt. */
  counterpartId: string;
  /** Idempotency: the same key for the same intended write (QuickBooks `requestid`). */
  requestKey: string;
  /**
   * Called as soon as a create made the record, before the rest of a multi-step create (an
   * invoice's lines): the engine stores the id at once, so a crash in between can't duplicate it.
   */
  onCreated?: (id: string) => Promise<void>;
}

/** What a create needs beyond the mapped fields: a QuickBooks customer's DisplayName candidates. */
export interface CreateOptions {
  /** Names to try in order when the provider refuses a name as taken (DisplayName clashes). */
  nameCandidates?: string[];
}

/** Dates (YYYY-MM-DD), both ends included. */
export interface DateRange {
  from: string;
  to: string;
}

export interface Page {
  records: SideRecord[];
  /** Where the next page starts; null after the last. */
  next: string | null;
}

/**
 * One object on one provider, as the engine uses it. Implemented in `server/providers/<provider>/`,
 * where provider JSON, paths and fault codes stay.
 */
/** What `readUnlessSeen` answers for a record at the version its link last saw. */
export const SEEN = Symbol("seen");

export interface SideAdapter {
  side: Side;
  /** The record now, or null when it no longer exists. */
  read(id: string): Promise<SideRecord | null>;
  /**
   * `read`, unless the record is still at `seenVersion` (its link's snapshot): then `SEEN`, without
   * reading what the record carries from elsewhere (an invoice's customer and lines' items). For
   * adapters whose read costs more than one request; the others just read.
   */
  readUnlessSeen?(id: string, seenVersion: string): Promise<SideRecord | null | typeof SEEN>;
  readMany(ids: string[]): Promise<SideRecord[]>;
  page(cursor: string | null, size: number): Promise<Page>;
  /**
   * The most records an initial-sync page step sends this side: what its rate limit lets through
   * in about ten seconds, so a step stays well inside one serverless request. Unset: a full page.
   */
  writesPerStep?: number;
  /**
   * A page of the records dated in `range` (an invoice's date), in a stable order. `full: false`
   * may leave out what only a write needs (an invoice's lines and customer): enough for a preview.
   */
  pageByDate?(range: DateRange, cursor: string | null, size: number, options: { full: boolean }): Promise<Page>;
  /**
   * A batch create is refused whole, nothing of it written, when one of its records' match key is
   * already taken on this side (HubSpot: a contact's email). The engine then creates without
   * looking the keys up first, and looks them up only for the records of a refused batch.
   */
  createRefusesTakenMatch?: boolean;
  /** Records whose match field (email, SKU…) equals one of `keys` (already normalised), by key. */
  findByMatch(keys: string[]): Promise<Map<string, SideRecord>>;
  /**
   * The names among `names` (lower-case) that records of this side already use, active or not:
   * a QuickBooks customer's DisplayName. Reads only; for a preview of the names creates would get.
   */
  takenNames?(names: string[]): Promise<Set<string>>;
  /** Records Tandem wrote that carry one of these counterpart ids, by counterpart id. */
  findByCounterpart(counterpartIds: string[]): Promise<Map<string, SideRecord>>;
  create(input: WriteInput, options?: CreateOptions): Promise<SideRecord>;
  update(current: SideRecord, input: WriteInput): Promise<SideRecord>;
  /**
   * Many creates or updates at once; every trace id maps to its record or its own error.
   * `onCreated` stores the ids of a request's new records together, as soon as it answered (so a
   * page retried after a crash sees a batch's creates all or none, and sends the rest as before).
   * A create's `options` are those `create` takes (its name candidates).
   */
  batchWrite(
    operation: "create" | "update",
    inputs: Array<WriteInput & { id?: string; options?: CreateOptions }>,
    onCreated?: (created: Array<{ traceId: string; id: string }>) => Promise<void>,
  ): Promise<Map<string, SideRecord | Error>>;
  /**
   * Records changed since `since` (reconciliation), oldest first, read in full so unchanged ones
   * (Tandem's own writes) are recognised without another read. `capped`: there were more, and
   * the next read starts strictly after `resumeAfter`.
   */
  changedSince(since: Date): Promise<{ records: SideRecord[]; capped: boolean; resumeAfter?: string }>;
  /**
   * The records of the provider's change feed rows (QuickBooks CDC) when a row isn't one record
   * (a Payment holds an application per invoice); deleted ones kept when the object syncs them (a
   * deleted payment voids its copies).
   */
  recordsFromChanges?(rows: unknown[]): Promise<SideRecord[]>;
  /**
   * The records a notification about `id` stands for, when a provider record holds several (a
   * QuickBooks Payment over several invoices): those it holds now and the linked ones it no longer
   * holds (synced too, as paying nothing).
   */
  notifiedRecords?(id: string): Promise<string[]>;
}

/** Nothing was written for this record: its whole batch was refused because another record's match key is taken. */
export class BatchRefusedError extends Error {
  constructor(reason: string) {
    super(`The batch this record was in was refused: ${reason}`);
    this.name = "BatchRefusedError";
  }
}

/** A create refused because the record already exists (HubSpot: a contact with the email); its id is known. */
export class RecordExistsError extends Error {
  constructor(readonly existingId: string) {
    super(`The record already exists (id ${existingId}).`);
    this.name = "RecordExistsError";
  }
}

/** Writes records one at a time; a refused one leaves its error and the others go on. */
export async function writeEach<T extends WriteInput>(
  inputs: T[],
  write: (input: T) => Promise<SideRecord>,
  results = new Map<string, SideRecord | Error>(),
): Promise<Map<string, SideRecord | Error>> {
  for (const input of inputs) {
    try {
      results.set(input.traceId, await write(input));
    } catch (error) {
      results.set(input.traceId, error instanceof Error ? error : new Error(String(error)));
    }
  }
  return results;
}
