import { BatchRefusedError, RecordExistsError, type SideAdapter, type WriteInput } from "../../sync/engine/adapter";
import type { Scalar, SideRecord } from "../../sync/engine/values";
import { ProviderError, undefinedIfNotFound } from "../provider-error";
import { BATCH_REFUSED, existingIdFromConflict, type HubSpotClient } from "./client";
import type { HubSpotObject, HubSpotObjectType } from "./types";

/**
 * Tandem stamps the QuickBooks id on every HubSpot record it creates, so a create retried after a
 * crash finds its first attempt instead of making a duplicate.
 */
export const QUICKBOOKS_ID_PROPERTY = "tandem_quickbooks_id";

export interface HubSpotAdapterOptions {
  type: HubSpotObjectType;
  /** Properties to read: the mapped ones and those filters look at. */
  properties: string[];
  /** The property records are matched on (email, hs_sku), if any. */
  matchProperty?: string;
  /** Whether `matchProperty` is unique in HubSpot (email): matched with one batch read instead of a search. */
  matchIsUnique?: boolean;
}

const SEARCH_IN_MAX = 100;

/** HubSpot stamps a contact's last change on `lastmodifieddate`; every other object's on `hs_lastmodifieddate`. */
const lastModifiedProperty = (type: HubSpotObjectType) => (type === "contacts" ? "lastmodifieddate" : "hs_lastmodifieddate");

export function hubspotRecord(object: HubSpotObject): SideRecord {
  return {
    id: object.id,
    fields: { ...object.properties },
    active: !object.archived,
    createdAt: object.createdAt,
    updatedAt: object.updatedAt,
  };
}

/** HubSpot takes every value as a string and clears a property given as "". */
export function toProperties(fields: Record<string, Scalar>): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).map(([name, value]) => [name, value === null ? "" : String(value)]));
}

/**
 * The records Tandem wrote for these counterpart ids, read in full with `readMany` (a search
 * answers properties only, without the associations an invoice or payment record is made of).
 */
export async function findByCounterpartInFull(
  base: SideAdapter,
  readMany: (ids: string[]) => Promise<SideRecord[]>,
  counterpartIds: string[],
): Promise<Map<string, SideRecord>> {
  const found = await base.findByCounterpart(counterpartIds);
  const full = new Map((await readMany([...found.values()].map((r) => r.id))).map((r) => [r.id, r]));
  for (const [key, record] of found) found.set(key, full.get(record.id) ?? record);
  return found;
}

function chunks<T>(items: T[], size: number): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) result.push(items.slice(i, i + size));
  return result;
}

export function hubspotAdapter(client: HubSpotClient, options: HubSpotAdapterOptions): SideAdapter {
  const { type } = options;
  const properties = [...new Set([...options.properties, QUICKBOOKS_ID_PROPERTY, ...(options.matchProperty ? [options.matchProperty] : [])])];
  const withCounterpart = (input: WriteInput) => ({ ...toProperties(input.fields), [QUICKBOOKS_ID_PROPERTY]: input.counterpartId });

  async function searchIn(property: string, values: string[]): Promise<HubSpotObject[]> {
    const found: HubSpotObject[] = [];
    for (const chunk of chunks([...new Set(values)], SEARCH_IN_MAX)) {
      const result = await client.searchAll(type, { filterGroups: [{ filters: [{ propertyName: property, operator: "IN", values: chunk }] }], properties });
      found.push(...result.results);
    }
    return found;
  }

  return {
    side: "hubspot",
    createRefusesTakenMatch: options.matchIsUnique ?? false,
    read: async (id) => {
      const object = await client.getObject(type, id, properties).catch(undefinedIfNotFound);
      return object ? hubspotRecord(object) : null;
    },
    readMany: async (ids) => (ids.length ? (await client.batchRead(type, ids, properties)).map(hubspotRecord) : []),
    page: async (cursor, size) => {
      const page = await client.listPage(type, properties, cursor, size);
      return { records: page.results.map(hubspotRecord), next: page.after };
    },
    findByMatch: async (keys) => {
      const property = options.matchProperty;
      const found = new Map<string, SideRecord>();
      if (!property || keys.length === 0) return found;
      const objects = options.matchIsUnique ? await client.batchRead(type, keys, properties, property) : await searchIn(property, keys);
      for (const object of objects) {
        const key = object.properties[property]?.trim().toLowerCase();
        if (key && !found.has(key)) found.set(key, hubspotRecord(object));
      }
      return found;
    },
    findByCounterpart: async (ids) => {
      const found = new Map<string, SideRecord>();
      if (ids.length === 0) return found;
      for (const object of await searchIn(QUICKBOOKS_ID_PROPERTY, ids)) {
        const id = object.properties[QUICKBOOKS_ID_PROPERTY];
        if (id) found.set(id, hubspotRecord(object));
      }
      return found;
    },
    create: async (input) => {
      try {
        return hubspotRecord(await client.createObject(type, withCounterpart(input)));
      } catch (error) {
        const existingId = error instanceof ProviderError && error.status === 409 ? existingIdFromConflict(error.message) : undefined;
        throw existingId ? new RecordExistsError(existingId) : error;
      }
    },
    update: async (current, input) => hubspotRecord(await client.updateObject(type, current.id, withCounterpart(input))),
    batchWrite: async (operation, inputs) => {
      const answers = await client.batchWrite(
        type,
        operation,
        inputs.map((input) => ({ traceId: input.traceId, id: input.id, properties: withCounterpart(input) })),
      );
      const results = new Map<string, SideRecord | Error>();
      for (const [traceId, answer] of answers) {
        if (answer instanceof ProviderError && answer.code === BATCH_REFUSED) {
          results.set(traceId, new BatchRefusedError(answer.message));
          continue;
        }
        const existingId = answer instanceof ProviderError && answer.status === 409 ? existingIdFromConflict(answer.message) : undefined;
        results.set(traceId, existingId ? new RecordExistsError(existingId) : answer instanceof ProviderError ? answer : hubspotRecord(answer));
      }
      return results;
    },
    changedSince: async (since) => {
      const modified = lastModifiedProperty(type);
      const found = await client.searchAll(type, {
        filterGroups: [{ filters: [{ propertyName: modified, operator: "GTE", value: String(since.getTime()) }] }],
        sorts: [{ propertyName: modified, direction: "ASCENDING" }],
        properties,
      });
      const last = found.results.at(-1);
      if (!found.capped || !last) return { records: found.results.map(hubspotRecord), capped: false };
      // Cut at HubSpot's 10,000 results: every record stamped at the cut's instant is read too (by
      // id, past the cap), so the next pass can start strictly after it and never reads these again.
      const cut = Date.parse(last.updatedAt);
      const records = [...found.results];
      let afterId = Math.max(...found.results.filter((r) => Date.parse(r.updatedAt) === cut).map((r) => Number(r.id)));
      for (;;) {
        const sameInstant = await client.searchAll(type, {
          filterGroups: [
            {
              filters: [
                { propertyName: modified, operator: "EQ", value: String(cut) },
                { propertyName: "hs_object_id", operator: "GT", value: String(afterId) },
              ],
            },
          ],
          sorts: [{ propertyName: "hs_object_id", direction: "ASCENDING" }],
          properties,
        });
        records.push(...sameInstant.results);
        if (!sameInstant.capped || sameInstant.results.length === 0) break;
        afterId = Number(sameInstant.results.at(-1)!.id);
      }
      return { records: records.map(hubspotRecord), capped: true, resumeAfter: new Date(cut).toISOString() };
    },
  };
}
