import { sandboxDb } from "../store/db";
import { HubSpotApiError, json, notFound, readJson, validation } from "../domain/errors";
import { DEFAULT_ASSOCIATIONS, associationLabel, resolveObjectType, type ObjectType } from "../domain/object-types";
import { matchesFilterGroups, matchesQuery, narrowingOf, parseSearchRequest, SearchRequestError, searchPage, sortRecords } from "../domain/search";
import { findByProperty, findManyByProperty, findRecord, listRecords, liveRecords, propertyDefinitions, recordsByIds, toPublicRecord, type ObjectRow, type PublicRecord } from "../store/records";
import { withWrite } from "../store/transactions";
import type { AssociationInput, CreateInput, WriteSession } from "../store/write-session";
import { associationsOf } from "../store/associations";
import { requireScope, type ApiContext } from "./context";

const MAX_BATCH = 100;
const MAX_PAGE = 100;

const listParam = (url: URL, name: string): string[] | null => {
  const values = url.searchParams.getAll(name).flatMap((v) => v.split(",")).map((v) => v.trim()).filter(Boolean);
  return values.length ? values : null;
};

const parseId = (raw: string): number => (/^\d+$/.test(raw) ? Number(raw) : NaN);

async function withAssociations(ctx: ApiContext, type: ObjectType, records: PublicRecord[], toTypes: string[] | null): Promise<PublicRecord[]> {
  if (!toTypes) return records;
  // HubSpot keys associations by the plural label: "contacts", but "line items" (with a space).
  const resolved = toTypes
    .map((t) => resolveObjectType(t))
    .filter((t): t is ObjectType => t !== null)
    .map((type) => ({ key: type.replaceAll("_", " "), type }));
  for (const record of records) {
    const found: NonNullable<PublicRecord["associations"]> = {};
    for (const { key, type: toType } of resolved) {
      const links = await associationsOf(sandboxDb(), ctx.account.id, type, Number(record.id), toType);
      if (links.length) {
        found[key] = { results: links.flatMap((l) => l.typeIds.map(() => ({ id: String(l.toId), type: associationLabel(type, toType) }))) };
      }
    }
    if (Object.keys(found).length) record.associations = found;
  }
  return records;
}

/** `associations` on create: `[{to: {id}, types: [{associationCategory, associationTypeId}]}]`. */
function parseCreateAssociations(type: ObjectType, raw: unknown): AssociationInput[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) throw validation("associations must be an array");
  return raw.flatMap((entry) => {
    const a = (entry ?? {}) as { to?: { id?: unknown }; types?: Array<{ associationCategory?: string; associationTypeId?: number }> };
    const toId = Number(a.to?.id);
    if (!Number.isSafeInteger(toId)) throw validation("associations[].to.id must be a record id");
    return (a.types ?? []).map((t) => {
      const definition = DEFAULT_ASSOCIATIONS.find((d) => d.from === type && d.typeId === t.associationTypeId);
      if (!definition) throw validation(`${t.associationCategory ?? ""} ${String(t.associationTypeId)} is not a valid association type id for ${type}`);
      return { toType: definition.to, toId, typeId: definition.typeId, category: t.associationCategory ?? "HUBSPOT_DEFINED" };
    });
  });
}

const propertiesOf = (body: unknown): Record<string, unknown> => {
  const props = (body as { properties?: unknown })?.properties;
  if (props === undefined) return {};
  if (!props || typeof props !== "object" || Array.isArray(props)) throw validation("properties must be an object");
  return props as Record<string, unknown>;
};

async function resolveId(session: WriteSession | null, ctx: ApiContext, type: ObjectType, raw: string, idProperty: string | null): Promise<number> {
  if (!idProperty || idProperty === "hs_object_id") {
    const id = parseId(raw);
    if (Number.isNaN(id)) throw notFound(`Object not found. objectId are usually numeric.`);
    return id;
  }
  const row = await findByProperty(session?.tx ?? sandboxDb(), ctx.account.id, type, idProperty, raw);
  if (!row) throw notFound(`Object not found. No ${type} with ${idProperty} ${raw}`);
  return row.id;
}

export async function listObjects(ctx: ApiContext, type: ObjectType, url: URL): Promise<Response> {
  requireScope(ctx, type, "read");
  const limit = Math.min(Number(url.searchParams.get("limit") ?? 10) || 10, MAX_PAGE);
  const afterRaw = url.searchParams.get("after");
  const after = afterRaw ? parseId(afterRaw) : 0;
  if (Number.isNaN(after)) throw validation(`after must be a paging cursor returned by a previous page, got ${afterRaw}`);
  const rows = await listRecords(sandboxDb(), ctx.account.id, type, { limit, after, archived: url.searchParams.get("archived") === "true" });
  const page = rows.slice(0, limit);
  const results = await withAssociations(ctx, type, page.map((r) => toPublicRecord(r, listParam(url, "properties"))), listParam(url, "associations"));
  const last = page.at(-1);
  const body: Record<string, unknown> = { results };
  if (rows.length > limit && last) {
    const next = new URL(url);
    next.searchParams.set("after", String(last.id));
    body.paging = { next: { after: String(last.id), link: next.toString() } };
  }
  return json(body);
}

export async function getObject(ctx: ApiContext, type: ObjectType, rawId: string, url: URL): Promise<Response> {
  requireScope(ctx, type, "read");
  const idProperty = url.searchParams.get("idProperty");
  const archived = url.searchParams.get("archived") === "true";
  const id = await resolveId(null, ctx, type, rawId, idProperty);
  const row = await findRecord(sandboxDb(), ctx.account.id, type, id, { archived });
  if (!row) throw notFound(`Object not found.  objectId are usually numeric.`);
  const [record] = await withAssociations(ctx, type, [toPublicRecord(row, listParam(url, "properties"))], listParam(url, "associations"));
  return json(record);
}

export async function createObject(ctx: ApiContext, type: ObjectType, request: Request): Promise<Response> {
  requireScope(ctx, type, "write");
  const body = await readJson(request);
  const row = await withWrite(ctx.actor, (s) => s.create(type, propertiesOf(body), parseCreateAssociations(type, (body as { associations?: unknown }).associations)));
  return json(toPublicRecord(row, Object.keys(propertiesOf(body))), 201);
}

export async function updateObject(ctx: ApiContext, type: ObjectType, rawId: string, request: Request, url: URL): Promise<Response> {
  requireScope(ctx, type, "write");
  const body = await readJson(request);
  const props = propertiesOf(body);
  const row = await withWrite(ctx.actor, async (s) => s.update(type, await resolveId(s, ctx, type, rawId, url.searchParams.get("idProperty")), props));
  const fresh = (await findRecord(sandboxDb(), ctx.account.id, type, row.id)) ?? row;
  return json(toPublicRecord(fresh, Object.keys(props)));
}

export async function archiveObject(ctx: ApiContext, type: ObjectType, rawId: string): Promise<Response> {
  requireScope(ctx, type, "write");
  const id = parseId(rawId);
  // Archiving a record that does not exist is a no-op in HubSpot (204).
  if (Number.isNaN(id) || !(await findRecord(sandboxDb(), ctx.account.id, type, id))) return new Response(null, { status: 204 });
  await withWrite(ctx.actor, (s) => s.archive(type, id));
  return new Response(null, { status: 204 });
}

interface BatchError {
  status: "error";
  category: string;
  message: string;
  context: Record<string, string[]>;
  errors?: unknown[];
  subCategory?: string;
}

function batchResponse(results: unknown[], errors: BatchError[], startedAt: Date, okStatus: number): Response {
  const body: Record<string, unknown> = {
    status: "COMPLETE",
    results,
    startedAt: startedAt.toISOString(),
    completedAt: new Date().toISOString(),
  };
  if (errors.length) {
    body.errors = errors;
    body.numErrors = errors.length;
  }
  return json(body, errors.length ? 207 : okStatus);
}

function batchInputs(body: unknown): Array<Record<string, unknown>> {
  const inputs = (body as { inputs?: unknown })?.inputs;
  if (!Array.isArray(inputs)) throw validation("inputs must be an array");
  if (inputs.length > MAX_BATCH) throw validation(`Batch input size of ${inputs.length} exceeds the limit of ${MAX_BATCH}`, { subCategory: "BATCH_SIZE_EXCEEDED" });
  return inputs.map((i) => (i && typeof i === "object" ? (i as Record<string, unknown>) : {}));
}

function asBatchError(error: unknown, traceId: string | undefined, id?: string): BatchError {
  if (!(error instanceof HubSpotApiError)) throw error;
  const context: Record<string, string[]> = { ...(error.extra.context ?? {}) };
  if (traceId) context.objectWriteTraceId = [traceId];
  if (id) context.ids = [id];
  return { status: "error", category: error.category, message: error.message, context, ...(error.extra.subCategory ? { subCategory: error.extra.subCategory } : {}) };
}

export async function batchObjects(ctx: ApiContext, type: ObjectType, operation: string, request: Request): Promise<Response> {
  const startedAt = new Date();
  const body = await readJson(request);
  const inputs = batchInputs(body);
  const requested = Array.isArray((body as { properties?: unknown }).properties) ? ((body as { properties: string[] }).properties) : null;
  const idProperty = typeof (body as { idProperty?: unknown }).idProperty === "string" ? (body as { idProperty: string }).idProperty : null;

  if (operation === "read") {
    requireScope(ctx, type, "read");
    const results: PublicRecord[] = [];
    const missing: string[] = [];
    const raws = inputs.map((input) => String(input.id ?? ""));
    // One query for the whole batch (by id, or by the unique property's index).
    const byRaw: Map<string, ObjectRow> =
      !idProperty || idProperty === "hs_object_id"
        ? await (async () => {
            const ids = raws.map(parseId).filter((id) => !Number.isNaN(id) && Number.isSafeInteger(id));
            const rows = await recordsByIds(sandboxDb(), ctx.account.id, type, [...new Set(ids)], (body as { archived?: boolean }).archived ?? false);
            const byId = new Map(rows.map((row) => [row.id, row]));
            return new Map(raws.flatMap((raw) => (byId.has(parseId(raw)) ? [[raw, byId.get(parseId(raw))!] as const] : [])));
          })()
        : await findManyByProperty(sandboxDb(), ctx.account.id, type, idProperty, raws);
    for (const raw of raws) {
      const row = byRaw.get(raw);
      if (row) results.push(toPublicRecord(row, requested));
      else missing.push(raw);
    }
    const errors: BatchError[] = missing.length
      ? [{ status: "error", category: "OBJECT_NOT_FOUND", message: `Could not get some ${type.toUpperCase()} objects, they may be deleted or not exist. Check that ids are valid.`, context: { ids: missing } }]
      : [];
    return batchResponse(results, errors, startedAt, 200);
  }

  requireScope(ctx, type, "write");
  if (operation === "update" || operation === "archive") {
    const ids = inputs.map((i) => String(i.id ?? ""));
    const duplicates = ids.filter((id, i) => ids.indexOf(id) !== i);
    if (duplicates.length) throw validation(`Duplicate IDs found in batch input: [${[...new Set(duplicates)].join(", ")}]. IDs must be unique`);
  }

  if (operation === "archive") {
    await withWrite(ctx.actor, async (s) => {
      for (const input of inputs) {
        const id = parseId(String(input.id ?? ""));
        if (!Number.isNaN(id) && (await findRecord(s.tx, ctx.account.id, type, id))) await s.archive(type, id);
      }
    });
    return new Response(null, { status: 204 });
  }

  const results: Array<PublicRecord & { new?: boolean; objectWriteTraceId?: string }> = [];
  const errors: BatchError[] = [];
  const written: Array<{ row: ObjectRow; keys: string[]; traceId?: string; isNew?: boolean }> = [];
  const traceIdOf = (input: Record<string, unknown>) => (typeof input.objectWriteTraceId === "string" ? input.objectWriteTraceId : undefined);
  await withWrite(ctx.actor, async (s) => {
    if (operation === "create") {
      // Properties that are not an object refuse the request; malformed associations, their input alone.
      const parsed: Array<BatchError | CreateInput> = inputs.map((input) => {
        const properties = propertiesOf(input);
        try {
          return { properties, associations: parseCreateAssociations(type, input.associations) };
        } catch (error) {
          return asBatchError(error, traceIdOf(input));
        }
      });
      const isRefused = (p: BatchError | CreateInput): p is BatchError => "category" in p;
      const created = (await s.createMany(type, parsed.filter((p): p is CreateInput => !isRefused(p)))).values();
      for (const [index, p] of parsed.entries()) {
        const traceId = traceIdOf(inputs[index]!);
        if (isRefused(p)) {
          errors.push(p);
          continue;
        }
        const answer = created.next().value!;
        if (answer instanceof HubSpotApiError) errors.push(asBatchError(answer, traceId));
        else written.push({ row: answer, keys: Object.keys(p.properties), traceId });
      }
      return;
    }
    for (const input of inputs) {
      const traceId = traceIdOf(input);
      const props = propertiesOf(input);
      try {
        await s.savepoint(async () => {
          if (operation === "update") {
            const id = await resolveId(s, ctx, type, String(input.id ?? ""), typeof input.idProperty === "string" ? input.idProperty : idProperty);
            written.push({ row: await s.update(type, id, props), keys: Object.keys(props), traceId });
          } else if (operation === "upsert") {
            const key = typeof input.idProperty === "string" ? input.idProperty : idProperty;
            const existing = key && key !== "hs_object_id" ? await findByProperty(s.tx, ctx.account.id, type, key, String(input.id ?? "")) : await findRecord(s.tx, ctx.account.id, type, parseId(String(input.id ?? "")));
            if (existing) written.push({ row: await s.update(type, existing.id, props), keys: Object.keys(props), traceId, isNew: false });
            else {
              const seeded = key && key !== "hs_object_id" ? { [key]: input.id, ...props } : props;
              written.push({ row: await s.create(type, seeded, []), keys: Object.keys(seeded), traceId, isNew: true });
            }
          } else {
            throw notFound(`Unknown batch operation ${operation}`);
          }
        });
      } catch (error) {
        errors.push(asBatchError(error, traceId, String(input.id ?? "")));
      }
    }
  });
  // The records as they are after the write (settled invoices included), in one query.
  const freshRows = new Map((await recordsByIds(sandboxDb(), ctx.account.id, type, [...new Set(written.map((w) => w.row.id))])).map((row) => [row.id, row]));
  for (const w of written) {
    const fresh = freshRows.get(w.row.id) ?? w.row;
    results.push({ ...toPublicRecord(fresh, requested ?? w.keys), ...(w.isNew === undefined ? {} : { new: w.isNew }), ...(w.traceId ? { objectWriteTraceId: w.traceId } : {}) });
  }
  return batchResponse(results, errors, startedAt, operation === "create" ? 201 : 200);
}

const QUERY_PROPERTIES: Record<ObjectType, string[]> = {
  contacts: ["firstname", "lastname", "email", "phone", "company"],
  companies: ["name", "domain", "phone"],
  products: ["name", "hs_sku", "description"],
  line_items: ["name", "hs_sku", "description"],
  invoices: ["hs_number", "hs_title"],
  commerce_payments: ["hs_reference_number", "hs_customer_email"],
};

export async function searchObjects(ctx: ApiContext, type: ObjectType, request: Request): Promise<Response> {
  requireScope(ctx, type, "read");
  let search;
  try {
    search = parseSearchRequest(await readJson(request));
  } catch (error) {
    if (error instanceof SearchRequestError) throw validation(error.message);
    throw error;
  }
  const definitions = new Map((await propertyDefinitions(sandboxDb(), ctx.account.id, type)).map((d) => [d.name, d]));
  // New records become searchable after a delay (0 by default so reconciliation is testable).
  const visibleBefore = new Date(Date.now() - ctx.account.searchableDelayMs);
  const rows = await liveRecords(sandboxDb(), ctx.account.id, type, visibleBefore, narrowingOf(search.filterGroups, definitions));
  const matching = sortRecords(
    rows.filter((r) => matchesFilterGroups(r.properties, search.filterGroups, definitions) && matchesQuery(r.properties, search.query, QUERY_PROPERTIES[type])),
    search.sorts,
    definitions,
  );
  const page = searchPage(matching, search);
  const body: Record<string, unknown> = { total: matching.length, results: page.results.map((r) => toPublicRecord(r, search.properties)) };
  if (page.nextAfter) body.paging = { next: { after: page.nextAfter, link: "" } };
  return json(body);
}
