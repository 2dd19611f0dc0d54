import { sandboxDb } from "../store/db";
import { HubSpotApiError, json, notFound, readJson, validation } from "../domain/errors";
import { DEFAULT_ASSOCIATIONS, defaultAssociationType, objectTypeId, resolveObjectType, type ObjectType } from "../domain/object-types";
import { findRecord } from "../store/records";
import { associationsOf } from "../store/associations";
import { withWrite } from "../store/transactions";
import { requireScope, type ApiContext } from "./context";

const MAX_BATCH = 100;

export function objectTypeOrThrow(raw: string): ObjectType {
  const type = resolveObjectType(raw);
  if (!type) throw validation(`Unable to infer object type from: ${raw}`);
  return type;
}

const recordId = (raw: string | undefined): number => {
  const id = Number(raw);
  if (!raw || !/^\d+$/.test(raw)) throw validation(`${raw ?? ""} is not a valid object id`);
  return id;
};

const spec = (typeId: number) => ({ category: "HUBSPOT_DEFINED", typeId, label: null });

function parseTypes(raw: unknown): Array<{ category: string; typeId: number }> {
  if (!Array.isArray(raw) || !raw.length) throw validation("The body must be a non-empty array of {associationCategory, associationTypeId}");
  return raw.map((t) => {
    const entry = (t ?? {}) as { associationCategory?: unknown; associationTypeId?: unknown };
    const typeId = Number(entry.associationTypeId);
    if (!Number.isInteger(typeId)) throw validation("associationTypeId must be an integer");
    return { category: String(entry.associationCategory ?? "HUBSPOT_DEFINED"), typeId };
  });
}

/** `PUT /crm/v4/objects/{from}/{id}/associations/{to}/{toId}` with explicit types (201), or `/default/` (200). */
export async function putAssociation(ctx: ApiContext, from: ObjectType, fromRaw: string, to: ObjectType, toRaw: string, request: Request, useDefault: boolean): Promise<Response> {
  requireScope(ctx, from, "write");
  const fromId = recordId(fromRaw);
  const toId = recordId(toRaw);
  if (useDefault) {
    const typeId = defaultAssociationType(from, to);
    if (typeId === null) throw validation(`There is no default association between ${from} and ${to}`);
    await withWrite(ctx.actor, (s) => s.associate(from, fromId, to, toId, typeId));
    return json({
      status: "COMPLETE",
      results: [
        { from: { id: String(fromId) }, to: { id: String(toId) }, associationSpec: { associationCategory: "HUBSPOT_DEFINED", associationTypeId: typeId } },
        { from: { id: String(toId) }, to: { id: String(fromId) }, associationSpec: { associationCategory: "HUBSPOT_DEFINED", associationTypeId: defaultAssociationType(to, from) } },
      ],
      startedAt: new Date().toISOString(),
      completedAt: new Date().toISOString(),
    });
  }
  const types = parseTypes(await readJson(request));
  await withWrite(ctx.actor, async (s) => {
    for (const t of types) await s.associate(from, fromId, to, toId, t.typeId, t.category);
  });
  return json(
    { fromObjectTypeId: objectTypeId(from), fromObjectId: fromId, toObjectTypeId: objectTypeId(to), toObjectId: toId, labels: [] },
    201,
  );
}

export async function deleteAssociation(ctx: ApiContext, from: ObjectType, fromRaw: string, to: ObjectType, toRaw: string): Promise<Response> {
  requireScope(ctx, from, "write");
  await withWrite(ctx.actor, (s) => s.unlink(from, recordId(fromRaw), to, recordId(toRaw)));
  return new Response(null, { status: 204 });
}

export async function listAssociations(ctx: ApiContext, from: ObjectType, fromRaw: string, to: ObjectType, url: URL): Promise<Response> {
  requireScope(ctx, from, "read");
  const fromId = recordId(fromRaw);
  if (!(await findRecord(sandboxDb(), ctx.account.id, from, fromId))) throw notFound(`No ${from} with ID ${fromId} exists`);
  const limit = Math.min(Number(url.searchParams.get("limit") ?? 500) || 500, 500);
  const after = Number(url.searchParams.get("after") ?? 0) || 0;
  const links = await associationsOf(sandboxDb(), ctx.account.id, from, fromId, to);
  const page = links.filter((l) => l.toId > after).slice(0, limit + 1);
  const results = page.slice(0, limit).map((l) => ({ toObjectId: l.toId, associationTypes: l.typeIds.map(spec) }));
  const body: Record<string, unknown> = { results };
  const last = page[limit - 1];
  if (page.length > limit && last) body.paging = { next: { after: String(last.toId), link: "" } };
  return json(body);
}

function batchInputs(body: unknown): Array<Record<string, unknown>> {
  const inputs = (body as { inputs?: unknown })?.inputs;
  if (!Array.isArray(inputs)) throw validation("inputs must be an array");
  if (inputs.length > MAX_BATCH) throw validation(`Batch input size of ${inputs.length} exceeds the limit of ${MAX_BATCH}`);
  return inputs.map((i) => (i && typeof i === "object" ? (i as Record<string, unknown>) : {}));
}

const idOf = (value: unknown): string => String((value as { id?: unknown } | undefined)?.id ?? "");

/** `POST /crm/v4/associations/{from}/{to}/batch/{read|create|archive|associate/default}`. */
export async function batchAssociations(ctx: ApiContext, from: ObjectType, to: ObjectType, operation: string, request: Request): Promise<Response> {
  const startedAt = new Date().toISOString();
  const inputs = batchInputs(await readJson(request));
  const errors: Array<Record<string, unknown>> = [];
  const envelope = (results: unknown[], okStatus: number) =>
    json({ status: "COMPLETE", results, startedAt, completedAt: new Date().toISOString(), ...(errors.length ? { errors, numErrors: errors.length } : {}) }, errors.length ? 207 : okStatus);
  const failure = (error: unknown, ids: string[]) => {
    if (!(error instanceof HubSpotApiError)) throw error;
    errors.push({ status: "error", category: error.category, message: error.message, context: { fromObjectId: ids } });
  };

  if (operation === "read") {
    requireScope(ctx, from, "read");
    const results = [];
    for (const input of inputs) {
      const id = idOf(input);
      if (!/^\d+$/.test(id) || !(await findRecord(sandboxDb(), ctx.account.id, from, Number(id)))) {
        errors.push({ status: "error", category: "OBJECT_NOT_FOUND", message: `No ${from} is associated with ID ${id}.`, context: { fromObjectId: [id] } });
        continue;
      }
      const links = await associationsOf(sandboxDb(), ctx.account.id, from, Number(id), to);
      results.push({ from: { id }, to: links.map((l) => ({ toObjectId: l.toId, associationTypes: l.typeIds.map(spec) })) });
    }
    return envelope(results, 200);
  }

  requireScope(ctx, from, "write");
  if (operation === "archive") {
    await withWrite(ctx.actor, async (s) => {
      for (const input of inputs) {
        const fromId = recordId(idOf(input.from));
        for (const target of Array.isArray(input.to) ? input.to : []) await s.unlink(from, fromId, to, recordId(idOf(target)));
      }
    });
    return new Response(null, { status: 204 });
  }

  const results: unknown[] = [];
  await withWrite(ctx.actor, async (s) => {
    for (const input of inputs) {
      const fromRaw = idOf(input.from);
      const toRaw = idOf(input.to);
      try {
        await s.savepoint(async () => {
          const fromId = recordId(fromRaw);
          const toId = recordId(toRaw);
          if (operation === "create") {
            const types = parseTypes(input.types);
            for (const t of types) await s.associate(from, fromId, to, toId, t.typeId, t.category);
            results.push({ fromObjectTypeId: objectTypeId(from), fromObjectId: fromId, toObjectTypeId: objectTypeId(to), toObjectId: toId, labels: [] });
          } else if (operation === "associate/default") {
            const typeId = defaultAssociationType(from, to);
            if (typeId === null) throw validation(`There is no default association between ${from} and ${to}`);
            await s.associate(from, fromId, to, toId, typeId);
            results.push({ from: { id: fromRaw }, to: { id: toRaw }, associationSpec: { associationCategory: "HUBSPOT_DEFINED", associationTypeId: typeId } });
          } else {
            throw notFound(`Unknown batch operation ${operation}`);
          }
        });
      } catch (error) {
        failure(error, [fromRaw]);
      }
    }
  });
  return envelope(results, operation === "create" ? 201 : 200);
}

/** `GET /crm/v4/associations/{from}/{to}/labels`: the association types defined between two objects. */
export function associationLabels(from: ObjectType, to: ObjectType): Response {
  const results = DEFAULT_ASSOCIATIONS.filter((d) => d.from === from && d.to === to).map((d) => ({ category: "HUBSPOT_DEFINED", typeId: d.typeId, label: null }));
  return json({ results });
}
