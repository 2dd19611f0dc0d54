import type { CreateOptions, SideAdapter, WriteInput } from "../../sync/engine/adapter";
import type { SideRecord } from "../../sync/engine/values";
import { ProviderError } from "../provider-error";
import type { QuickBooksClient } from "./client";
import { flatten, unflatten } from "./fields";
import type { QboEntityBase, QboEntityName } from "./types";

export interface QuickBooksAdapterOptions {
  entity: QboEntityName;
  /** The field path records are matched on (`PrimaryEmailAddr.Address`, `Sku`), if any. */
  matchPath?: string;
  /** Fields a new record needs beyond the mapped ones (an item's type and income account). */
  createDefaults?: () => Promise<Record<string, unknown>>;
}

/** QuickBooks answers "Object Not Found" (610) for a deleted or unknown id. */
function isGone(error: unknown): boolean {
  return error instanceof ProviderError && (error.status === 404 || error.code === "610");
}

/** 6240: another customer, vendor or employee already has the DisplayName. */
function isNameClash(error: unknown): boolean {
  return error instanceof ProviderError && error.code === "6240";
}

export function quickbooksRecord(entity: QboEntityBase & Record<string, unknown>): SideRecord {
  return {
    id: entity.Id,
    fields: flatten(entity),
    active: entity.Active !== false,
    createdAt: entity.MetaData?.CreateTime,
    updatedAt: entity.MetaData?.LastUpdatedTime,
    version: entity.SyncToken,
  };
}

function quote(value: string): string {
  return `'${value.replaceAll("\\", "\\\\").replaceAll("'", "\\'")}'`;
}

const QUERY_IN_MAX = 100;
const WRITE_CONCURRENCY = 5;

export function quickbooksAdapter(client: QuickBooksClient, options: QuickBooksAdapterOptions): SideAdapter {
  const { entity } = options;
  type Entity = QboEntityBase & Record<string, unknown>;

  async function create(input: WriteInput, createOptions?: CreateOptions): Promise<SideRecord> {
    const body = { ...(await options.createDefaults?.()), ...unflatten(input.fields) };
    const names = createOptions?.nameCandidates ?? [undefined];
    for (const [attempt, name] of names.entries()) {
      try {
        const record = name ? { ...body, DisplayName: name } : body;
        return quickbooksRecord(await client.create<Entity>(entity, record, `${input.requestKey}:${attempt}`));
      } catch (error) {
        if (!isNameClash(error) || attempt === names.length - 1) throw error;
      }
    }
    throw new Error("unreachable: no name to create with");
  }

  async function update(current: SideRecord, input: WriteInput): Promise<SideRecord> {
    const record = { ...unflatten(input.fields), Id: current.id, SyncToken: current.version ?? "0" };
    return quickbooksRecord(await client.update<Entity>(entity, record, `${input.requestKey}:${current.version ?? ""}`));
  }

  /** QuickBooks has no partial-success batch for name lists that keeps requestids: bounded parallel singles. */
  async function writeEach(operation: "create" | "update", inputs: Array<WriteInput & { id?: string }>) {
    const results = new Map<string, SideRecord | Error>();
    const queue = [...inputs];
    const worker = async () => {
      for (let input = queue.shift(); input; input = queue.shift()) {
        try {
          const written =
            operation === "create" ? await create(input) : await update((await adapter.read(input.id!)) ?? { id: input.id!, fields: {}, active: true }, input);
          results.set(input.traceId, written);
        } catch (error) {
          results.set(input.traceId, error instanceof Error ? error : new Error(String(error)));
        }
      }
    };
    await Promise.all(Array.from({ length: WRITE_CONCURRENCY }, worker));
    return results;
  }

  const adapter: SideAdapter = {
    side: "quickbooks",
    read: async (id) => {
      try {
        return quickbooksRecord(await client.get<Entity>(entity, id));
      } catch (error) {
        if (isGone(error)) return null;
        throw error;
      }
    },
    readMany: async (ids) => {
      const found: SideRecord[] = [];
      for (let i = 0; i < ids.length; i += QUERY_IN_MAX) {
        const chunk = ids.slice(i, i + QUERY_IN_MAX).map(quote).join(",");
        found.push(...(await client.queryAll<Entity>(entity, `Id IN (${chunk})`)).map(quickbooksRecord));
      }
      return found;
    },
    page: async (cursor, size) => {
      const start = Number(cursor ?? "1");
      const rows = await client.queryPage<Entity>(entity, start, size);
      return { records: rows.map(quickbooksRecord), next: rows.length < size ? null : String(start + rows.length) };
    },
    findByMatch: async (keys) => {
      const found = new Map<string, SideRecord>();
      const path = options.matchPath;
      if (!path || keys.length === 0) return found;
      // Queries name the top-level property; QuickBooks compares its value (the address of an email).
      const property = path.split(".")[0]!;
      for (let i = 0; i < keys.length; i += QUERY_IN_MAX) {
        const chunk = keys.slice(i, i + QUERY_IN_MAX).map(quote).join(",");
        for (const row of await client.queryAll<Entity>(entity, `${property} IN (${chunk})`)) {
          const record = quickbooksRecord(row);
          const key = String(record.fields[path] ?? "").trim().toLowerCase();
          if (key && !found.has(key)) found.set(key, record);
        }
      }
      return found;
    },
    // QuickBooks creates are idempotent through their requestid; there is nothing to look for.
    findByCounterpart: async () => new Map(),
    nameTaken: async (name) => (await client.queryAll<Entity>(entity, `DisplayName = ${quote(name)}`)).length > 0,
    create,
    update,
    batchWrite: writeEach,
    changedSince: async (since) => {
      const cdc = await client.changedSince([entity], since);
      const rows = cdc.capped
        ? await client.queryAll<Entity>(entity, `MetaData.LastUpdatedTime >= '${since.toISOString()}'`, "MetaData.LastUpdatedTime")
        : ((cdc.changes[entity] ?? []) as Entity[]);
      return { records: rows.filter((row) => (row as { status?: string }).status !== "Deleted").map(quickbooksRecord), capped: false };
    },
  };
  return adapter;
}
