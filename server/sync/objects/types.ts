import type { SyncObject } from "../../db/schema";
import type { SyncConfig } from "../config";
import type { SyncContext } from "../context";
import type { CreateOptions, SideAdapter } from "../engine/adapter";
import type { FilterGroup } from "../engine/filters";
import type { ObjectDirection } from "../engine/merge";
import type { ObjectEnv } from "../engine/object-env";
import type { Scalar, SideRecord, ValueRule, Values } from "../engine/values";
import type { FieldMapping } from "../mappings/types";
import type { RecordLink, Side } from "../links";
import type { SyncError } from "../errors";

/** A record a preview expects the first sync to create on the other side, with the values it would write. */
export interface PlannedCreate {
  source: SideRecord;
  values: Values;
  toTarget: Values;
}

/** What one preview keeps across its pages: the names earlier creates would take, reads done once. */
export interface PreviewMemory {
  /** Lower-case name → whether it is taken (by an existing record or an earlier create of the preview). */
  names: Map<string, boolean>;
  once<T>(key: string, load: () => Promise<T>): Promise<T>;
}

/** A rule of the object's sync the user can't change, stored as a locked filter under its key. */
export interface FixedFilter extends FilterGroup {
  key: string;
  label: string;
}

export interface SideAdapters {
  hubspot: SideAdapter;
  quickbooks: SideAdapter;
}

/**
 * One synced object, declared once: how it is matched, what keeps a record out, which directions
 * it supports, and how to reach it on each side. The engine is the same for every object.
 */
export interface ObjectSpec {
  object: SyncObject;
  noun: string;
  directions: readonly ObjectDirection[];
  /** Records without a link are matched on this mapped field (email, SKU), compared case-insensitively. */
  match?: { key: string; label: string; hubspot: string; quickbooks: string };
  /** For a record without a link and without a match field: the record on the other side it is, by the object's own rule (a payment both sides recorded). */
  findCounterpart?(env: ObjectEnv, side: Side, source: SideRecord): Promise<SideRecord | null>;
  /**
   * Objects whose records must be synced first (an invoice needs its customer and its lines'
   * items): the spec's `prepareWrite` / `prepareWriteMany` sync them before the record is written.
   */
  dependencies: readonly SyncObject[];
  /**
   * The record's built-in reason not to sync (inactive, no SKU…), or null; `matchKey` is its match
   * field's value, `linked` whether it already has a counterpart (a voided invoice is left out only before).
   */
  exclusion(record: SideRecord, side: Side, matchKey: string | null, linked: boolean): string | null;
  /**
   * Rules the user can't change, per direction the records go. They are stored as locked filters
   * (shown with their reason, refused when edited) and the engine evaluates the stored rows.
   */
  fixedFilters?(config: SyncConfig): { to_quickbooks: FixedFilter[]; to_hubspot: FixedFilter[] };
  label(record: SideRecord, side: Side, values: Values): string;
  /** Sets the accounts up before a first sync (Tandem's own HubSpot properties). */
  prepare(ctx: SyncContext): Promise<void>;
  /** The adapters, reading the given fields on each side. */
  adapters(ctx: SyncContext, fields: { hubspot: string[]; quickbooks: string[] }, config: SyncConfig): SideAdapters;
  /** Fields the engine syncs besides the user's mappings (an invoice's customer, lines, balance). */
  systemMappings?(): FieldMapping[];
  /** Rules for fields that don't compare by plain equality (an invoice's terms), some from the mappings of the object's collections (its line mappings). */
  valueRules?(collectionMappings: FieldMapping[]): Record<string, ValueRule>;
  /** Drops values that mean nothing in the record's state (a voided invoice's zeroed lines). */
  adjustValues?(values: Values, side: Side): Values;
  /**
   * Fields each side computes from others (an invoice's total, from its lines and discounts): compared
   * and kept in the snapshots, so a change on the side that doesn't own them is seen, but never written.
   */
  derived?: readonly string[];
  /** Fields only the side the record was born on may change (a HubSpot invoice's lines and total). */
  ownedBy?(origin: Side): { side: Side; keys: string[] } | null;
  /** Resolves references before a write to `targetSide` (the customer an invoice needs). */
  prepareWrite?(env: ObjectEnv, targetSide: Side, fields: Record<string, Scalar>, source: SideRecord): Promise<Record<string, Scalar>>;
  /**
   * `prepareWrite` for a page of records at once (one lookup for all their references); a record
   * whose references can't be resolved gets its error. With it, the initial sync writes in batches.
   */
  prepareWriteMany?(env: ObjectEnv, targetSide: Side, writes: Array<{ fields: Record<string, Scalar>; source: SideRecord }>): Promise<Array<Record<string, Scalar> | Error>>;
  /**
   * The object whose records this one's hang off (a payment's invoice): its records sync once
   * their parent is linked on both sides, and a parent linked for the first time brings them along.
   */
  parent?: SyncObject;
  /**
   * Whether the record may sync now, and the link of its parent record: a reason to leave it
   * alone (a payment whose invoice isn't synced), or the parent link's id for its own link.
   */
  attach?(env: ObjectEnv, side: Side, source: SideRecord, link: RecordLink | undefined): Promise<{ skip: string } | { parentLinkId: string | null }>;
  /** The parent record (on the record's side) a record not linked yet would sync with; null when it wouldn't sync (a voided payment). */
  parentIdOf?(record: SideRecord): string | null;
  /** The ids (as notifications name them) of the records on `side` that hang off the parent record `parentId`. */
  childIds?(ctx: SyncContext, side: Side, parentId: string): Promise<string[]>;
  /**
   * For a preview, reading only: the error each of these creates would certainly fail with (by
   * source id), as the sync would record it; the others are left out of the map.
   */
  predictFailures?(env: ObjectEnv, side: Side, creates: PlannedCreate[], memory: PreviewMemory): Promise<Map<string, SyncError>>;
  /** Extra choices for a new record on `side` (a QuickBooks customer's DisplayName candidates). */
  createOptions?(side: Side, values: Values, config: SyncConfig): CreateOptions;
}
