import type { CreateOptions, SideAdapter, WriteInput } from "../../sync/engine/adapter";
import type { SideRecord } from "../../sync/engine/values";
import { ProviderError } from "../provider-error";
import { requestIdFor } from "../../sync/request-id";
import { BATCH_MAX_ITEMS, QUICKBOOKS_WRITES_PER_STEP, type QuickBooksClient } from "./client";
import { flatten, unflatten } from "./fields";
import type { QboEntityBase, QboEntityName } from "./types";

export interface QuickBooksAdapterOptions {
  entity: QboEntityName;
  /** The field path records are matched on (`PrimaryEmailAddr.Address`, `Sku`), if any. */
  matchPath?: string;
  /** The field whose value no two records may share (a customer's `DisplayName`), if any. */
  namePath?: string;
  /** Fields a new record needs beyond the mapped ones (an item's type and income account). */
  createDefaults?: () => Promise<Record<string, unknown>>;
}

/** QuickBooks answers "Object Not Found" (610) for a deleted or unknown id. */
export function isGone(error: unknown): boolean {
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

  type BatchInput = WriteInput & { id?: string; options?: CreateOptions };

  /**
   * Sends writes in `/batch` requests of up to 30 and hands each answer to `answered`. A batch's
   * requestid is made of its items' own keys, so a page retried after a crash sends the same
   * batch again and QuickBooks answers it without writing anything twice.
   */
  async function inBatches(
    writes: BatchInput[],
    item: (input: BatchInput) => { operation: "create" | "update"; record: Record<string, unknown>; key: string },
    answered: (chunk: BatchInput[], answers: Array<Entity | ProviderError>) => Promise<void>,
    failed: (input: BatchInput, error: Error) => void,
  ) {
    const chunks: BatchInput[][] = [];
    for (let i = 0; i < writes.length; i += BATCH_MAX_ITEMS) chunks.push(writes.slice(i, i + BATCH_MAX_ITEMS));
    await Promise.all(
      chunks.map(async (chunk) => {
        const requests = chunk.map((input, n) => ({ bId: String(n + 1), entity, ...item(input) }));
        let answers: Map<string, Entity | ProviderError>;
        try {
          answers = await client.batch<Entity>(requests, requestIdFor("batch", ...requests.map((r) => r.key)));
        } catch (error) {
          for (const input of chunk) failed(input, error instanceof Error ? error : new Error(String(error)));
          return;
        }
        await answered(chunk, chunk.map((_, n) => answers.get(String(n + 1))!));
      }),
    );
  }

  /**
   * Creates in batches. A record with name candidates whose name QuickBooks refused as taken
   * (6240) goes again with its next candidate in a later round, as a single create would; batch
   * items run one after the other, so two records of one batch with one name get the name once.
   */
  async function createMany(inputs: BatchInput[], onCreated?: (created: Array<{ traceId: string; id: string }>) => Promise<void>) {
    const results = new Map<string, SideRecord | Error>();
    const defaults = await options.createDefaults?.();
    const order = new Map(inputs.map((input, n) => [input.traceId, n]));
    let round = inputs;
    for (let attempt = 0; round.length > 0; attempt++) {
      const next: BatchInput[] = [];
      await inBatches(
        round,
        (input) => {
          const name = input.options?.nameCandidates?.[attempt];
          const record = { ...defaults, ...unflatten(input.fields), ...(name ? { DisplayName: name } : {}) };
          return { operation: "create", record, key: `${input.requestKey}:${attempt}` };
        },
        async (chunk, answers) => {
          const created: Array<{ traceId: string; id: string }> = [];
          for (const [n, input] of chunk.entries()) {
            const answer = answers[n]!;
            if (!(answer instanceof Error)) {
              results.set(input.traceId, quickbooksRecord(answer));
              created.push({ traceId: input.traceId, id: answer.Id });
            } else if (isNameClash(answer) && attempt + 1 < (input.options?.nameCandidates?.length ?? 0)) next.push(input);
            else results.set(input.traceId, answer);
          }
          if (created.length) await onCreated?.(created);
        },
        (input, error) => results.set(input.traceId, error),
      );
      round = next.sort((a, b) => order.get(a.traceId)! - order.get(b.traceId)!);
    }
    return results;
  }

  /** Sparse updates in batches, each against the SyncToken read just before (one query per 100). */
  async function updateMany(inputs: BatchInput[]) {
    const results = new Map<string, SideRecord | Error>();
    const current = new Map((await adapter.readMany(inputs.map((input) => input.id!))).map((record) => [record.id, record]));
    const found = inputs.filter((input) => {
      if (current.has(input.id!)) return true;
      results.set(input.traceId, new ProviderError("quickbooks", 400, `Object Not Found: ${entity} ${input.id}`, "610"));
      return false;
    });
    await inBatches(
      found,
      (input) => {
        const version = current.get(input.id!)!.version ?? "0";
        return { operation: "update", record: { ...unflatten(input.fields), Id: input.id!, SyncToken: version, sparse: true }, key: `${input.requestKey}:${version}` };
      },
      async (chunk, answers) => {
        for (const [n, input] of chunk.entries()) {
          const answer = answers[n]!;
          results.set(input.traceId, answer instanceof Error ? answer : quickbooksRecord(answer));
        }
      },
      (input, error) => results.set(input.traceId, error),
    );
    return results;
  }

  const adapter: SideAdapter = {
    side: "quickbooks",
    writesPerStep: QUICKBOOKS_WRITES_PER_STEP,
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
    takenNames: async (names) => {
      const taken = new Set<string>();
      const path = options.namePath;
      if (!path) return taken;
      // Queries answer active records unless asked; an inactive one's name is its own too (QuickBooks suffixes it "(deleted)").
      for (let i = 0; i < names.length; i += QUERY_IN_MAX) {
        const chunk = names.slice(i, i + QUERY_IN_MAX).map(quote).join(",");
        for (const row of await client.queryAll<Entity>(entity, `${path} IN (${chunk}) AND Active IN (true, false)`)) taken.add(String(row[path] ?? "").toLowerCase());
      }
      return taken;
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
    create,
    update,
    batchWrite: (operation, inputs, onCreated) => (operation === "create" ? createMany(inputs, onCreated) : updateMany(inputs)),
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
