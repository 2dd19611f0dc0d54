import { and, eq, ne } from "drizzle-orm";
import { FieldError } from "../../auth/field-error";
import type { Database, Transaction } from "../../db/client";
import { fieldMappings, syncConfigs, type SyncObject } from "../../db/schema";
import { saveSyncConfig } from "../config";
import { rulesOf } from "./defaults";
import { DefaultMappingError, MappingNotFoundError } from "./errors";
import type { FieldCatalogue } from "./fields";
import { countResyncable } from "./resync";
import { bumpMappingVersion, loadMappingSet } from "./store";
import type { FieldMapping, MappingDirection } from "./types";
import { checkNotMappedTwice, customMappingKey, validateMapping } from "./validate";

/** Reads both sides' fields for an object's collection from the connected accounts. */
export type CatalogueLoader = (object: SyncObject, collection: string) => Promise<FieldCatalogue>;

type Winner = "hubspot" | "quickbooks";

export interface NewMapping {
  object: SyncObject;
  collection: string;
  hubspotProperty: string;
  quickbooksPath: string;
  direction: MappingDirection;
  valueMap?: Record<string, string> | null;
  conflictWinner?: Winner | null;
  label?: string;
}

/** What may change on a mapping; the fields and label only on custom ones. */
export interface MappingPatch {
  enabled?: boolean;
  direction?: MappingDirection;
  conflictWinner?: Winner | null;
  valueMap?: Record<string, string> | null;
  hubspotProperty?: string;
  quickbooksPath?: string;
  label?: string;
}

export interface MappingChange {
  mapping: FieldMapping | null;
  mappingVersion: number;
  /**
   * Records synced before the change don't get its effect until they change again: a resync is
   * suggested when values may now flow where they didn't (a mapping added, switched on, pointed at
   * other fields or sent another way), with the number of records it would queue.
   */
  resync: { suggested: boolean; records: number };
}

/**
 * Serializes mapping changes of one org and object on its sync_configs row (created with the
 * object's defaults when the org never saved settings), so two editors can't map a field twice.
 */
async function lockObject(tx: Transaction, orgId: string, object: SyncObject): Promise<void> {
  const lock = () =>
    tx
      .select({ id: syncConfigs.id })
      .from(syncConfigs)
      .where(and(eq(syncConfigs.orgId, orgId), eq(syncConfigs.object, object)))
      .for("update");
  if ((await lock()).length > 0) return;
  await saveSyncConfig(tx, orgId, object, {});
  await lock();
}

async function resyncAnswer(tx: Transaction, orgId: string, object: SyncObject, suggested: boolean): Promise<MappingChange["resync"]> {
  return { suggested, records: suggested ? await countResyncable(tx, orgId, object) : 0 };
}

function sameValueMap(a: Record<string, string> | null, b: Record<string, string> | null): boolean {
  const entries = (map: Record<string, string> | null) => JSON.stringify(Object.entries(map ?? {}).sort(([x], [y]) => x.localeCompare(y)));
  return entries(a) === entries(b);
}

/** Adds a custom mapping, checked against both sides' fields and the object's other mappings. */
export async function createMapping(db: Database, orgId: string, input: NewMapping, loadCatalogue: CatalogueLoader): Promise<MappingChange> {
  // The engine syncs an invoice's lines as a whole (item by SKU, the switched-on parts, service
  // date, tax code); a line mapping of the user's would be saved and never applied.
  if (input.collection === "lines") {
    throw new FieldError(
      "collection",
      "Invoice lines can't take mappings of their own: each line syncs its item (by SKU), its description, quantity and unit price as switched on under Invoice lines, and its service date and tax code where those are set up.",
    );
  }
  // Provider reads happen before the transaction: no row is locked while HubSpot answers.
  const catalogue = await loadCatalogue(input.object, input.collection);
  const draft = { hubspotProperty: input.hubspotProperty, quickbooksPath: input.quickbooksPath, direction: input.direction, valueMap: input.valueMap ?? null };
  const kind = validateMapping(draft, catalogue);
  return db.transaction(async (tx) => {
    await lockObject(tx, orgId, input.object);
    const siblings = (await loadMappingSet(tx, orgId, input.object)).mappings.filter((m) => m.collection === input.collection);
    checkNotMappedTwice(draft, siblings);
    const [mapping] = await tx
      .insert(fieldMappings)
      .values({
        orgId,
        object: input.object,
        collection: input.collection,
        key: customMappingKey(input.hubspotProperty, new Set(siblings.map((m) => m.key))),
        label: input.label?.trim() || catalogue.hubspot.find((f) => f.path === input.hubspotProperty)!.label,
        ...draft,
        kind,
        conflictWinner: input.conflictWinner ?? null,
        isDefault: false,
      })
      .returning();
    const mappingVersion = await bumpMappingVersion(tx, orgId, input.object);
    return { mapping: mapping!, mappingVersion, resync: await resyncAnswer(tx, orgId, input.object, true) };
  });
}

async function findMapping(db: Database | Transaction, orgId: string, id: string, lock = false): Promise<FieldMapping> {
  const query = db
    .select()
    .from(fieldMappings)
    .where(and(eq(fieldMappings.orgId, orgId), eq(fieldMappings.id, id)));
  const [mapping] = lock ? await query.for("update") : await query;
  if (!mapping) throw new MappingNotFoundError();
  return mapping;
}

function refuseFieldChangesOnDefault(current: FieldMapping, patch: MappingPatch): void {
  for (const field of ["hubspotProperty", "quickbooksPath", "label"] as const) {
    if (patch[field] !== undefined && patch[field] !== current[field]) {
      throw new FieldError(field, "Default mappings keep their fields; switch this one off and add a custom mapping instead.");
    }
  }
  const { fixedDirection, alwaysOn } = rulesOf(current);
  if (fixedDirection && patch.direction !== undefined && patch.direction !== current.direction) throw new FieldError("direction", fixedDirection);
  if (alwaysOn && patch.enabled === false) throw new FieldError("enabled", alwaysOn);
}

/**
 * Switches a mapping on or off, or changes its direction, conflict winner override or value map;
 * custom mappings may also be pointed at other fields. Whatever touches the fields, direction or
 * value map is checked against both sides' fields again (a provider read); a toggle is not.
 */
export async function updateMapping(db: Database, orgId: string, id: string, patch: MappingPatch, loadCatalogue: CatalogueLoader): Promise<MappingChange> {
  const before = await findMapping(db, orgId, id);
  if (before.isDefault) refuseFieldChangesOnDefault(before, patch);
  const next = {
    hubspotProperty: patch.hubspotProperty ?? before.hubspotProperty,
    quickbooksPath: patch.quickbooksPath ?? before.quickbooksPath,
    direction: patch.direction ?? before.direction,
    valueMap: patch.valueMap === undefined ? before.valueMap : patch.valueMap,
  };
  const fieldsChanged = next.hubspotProperty !== before.hubspotProperty || next.quickbooksPath !== before.quickbooksPath;
  const flowChanged = fieldsChanged || next.direction !== before.direction || !sameValueMap(next.valueMap, before.valueMap);
  const kind = flowChanged ? validateMapping(next, await loadCatalogue(before.object, before.collection)) : before.kind;

  return db.transaction(async (tx) => {
    await lockObject(tx, orgId, before.object);
    const current = await findMapping(tx, orgId, id, true);
    const enabled = patch.enabled ?? current.enabled;
    const changes = {
      ...next,
      kind,
      enabled,
      conflictWinner: patch.conflictWinner === undefined ? current.conflictWinner : patch.conflictWinner,
      label: current.isDefault ? current.label : patch.label?.trim() || current.label,
    };
    const changed = (Object.keys(changes) as Array<keyof typeof changes>).some((k) =>
      k === "valueMap" ? !sameValueMap(changes.valueMap, current.valueMap) : changes[k] !== current[k],
    );
    if (!changed) {
      const { version } = await loadMappingSet(tx, orgId, current.object);
      return { mapping: current, mappingVersion: version, resync: { suggested: false, records: 0 } };
    }
    if (enabled) {
      const siblings = await tx
        .select()
        .from(fieldMappings)
        .where(and(eq(fieldMappings.orgId, orgId), eq(fieldMappings.object, current.object), eq(fieldMappings.collection, current.collection), ne(fieldMappings.id, id)));
      checkNotMappedTwice(changes, siblings);
    }
    const [mapping] = await tx
      .update(fieldMappings)
      .set({ ...changes, updatedAt: new Date() })
      .where(eq(fieldMappings.id, id))
      .returning();
    const mappingVersion = await bumpMappingVersion(tx, orgId, current.object);
    const switchedOn = enabled && !current.enabled;
    return { mapping: mapping!, mappingVersion, resync: await resyncAnswer(tx, orgId, current.object, enabled && (switchedOn || flowChanged)) };
  });
}

/** Deletes a custom mapping; its field simply stops syncing, so no resync is suggested. */
export async function deleteMapping(db: Database, orgId: string, id: string): Promise<MappingChange> {
  return db.transaction(async (tx) => {
    const found = await findMapping(tx, orgId, id);
    await lockObject(tx, orgId, found.object);
    const current = await findMapping(tx, orgId, id, true);
    if (current.isDefault) throw new DefaultMappingError();
    await tx.delete(fieldMappings).where(eq(fieldMappings.id, id));
    const mappingVersion = await bumpMappingVersion(tx, orgId, current.object);
    return { mapping: null, mappingVersion, resync: { suggested: false, records: 0 } };
  });
}
