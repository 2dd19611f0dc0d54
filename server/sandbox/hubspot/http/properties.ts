import { and, eq } from "drizzle-orm";
import { sandboxDb } from "../store/db";
import { customProperties } from "../store/schema";
import { HubSpotApiError, json, notFound, readJson, validation } from "../domain/errors";
import { builtInProperties, customPropertyDefinition, customPropertyProblems, type CustomPropertyInput } from "../domain/properties";
import type { ObjectType } from "../domain/object-types";
import { propertyDefinitions } from "../store/records";
import { requireScope, type ApiContext } from "./context";

export async function listProperties(ctx: ApiContext, type: ObjectType): Promise<Response> {
  requireScope(ctx, type, "read");
  return json({ results: await propertyDefinitions(sandboxDb(), ctx.account.id, type) });
}

export async function getProperty(ctx: ApiContext, type: ObjectType, name: string): Promise<Response> {
  requireScope(ctx, type, "read");
  const found = (await propertyDefinitions(sandboxDb(), ctx.account.id, type)).find((p) => p.name === name);
  if (!found) throw notFound(`Unable to find property ${name} for object type ${type}`);
  return json(found);
}

export async function createProperty(ctx: ApiContext, type: ObjectType, request: Request): Promise<Response> {
  requireScope(ctx, type, "write");
  const input = (await readJson(request)) as Partial<CustomPropertyInput>;
  const existing = await propertyDefinitions(sandboxDb(), ctx.account.id, type);
  const problems = customPropertyProblems(input, existing);
  if (problems.some((p) => p.includes("already exists"))) {
    throw new HubSpotApiError(409, "CONFLICT", `Property named '${input.name}' already exists.`, { subCategory: "Properties.PROPERTY_EXISTS" });
  }
  if (problems.length) throw validation(`Invalid input: ${problems.join("; ")}`, { errors: problems.map((message) => ({ message })) });
  const definition = customPropertyDefinition(input as CustomPropertyInput, new Date());
  await sandboxDb().insert(customProperties).values({ accountId: ctx.account.id, objectType: type, name: definition.name, definition });
  return json(definition, 201);
}

export async function updateProperty(ctx: ApiContext, type: ObjectType, name: string, request: Request): Promise<Response> {
  requireScope(ctx, type, "write");
  const where = and(eq(customProperties.accountId, ctx.account.id), eq(customProperties.objectType, type), eq(customProperties.name, name));
  const [row] = await sandboxDb().select().from(customProperties).where(where);
  if (!row) {
    const builtIn = (await propertyDefinitions(sandboxDb(), ctx.account.id, type)).some((p) => p.name === name);
    if (builtIn) throw validation(`${name} is a HubSpot-defined property; its definition is read-only.`);
    throw notFound(`Unable to find property ${name} for object type ${type}`);
  }
  const patch = (await readJson(request)) as Partial<CustomPropertyInput>;
  const merged = customPropertyDefinition({ ...(row.definition as CustomPropertyInput), ...patch, name }, new Date(row.definition.createdAt ?? Date.now()));
  const problems = customPropertyProblems(merged, []);
  if (problems.length) throw validation(`Invalid input: ${problems.join("; ")}`);
  merged.updatedAt = new Date().toISOString();
  await sandboxDb().update(customProperties).set({ definition: merged }).where(where);
  return json(merged);
}

export async function archiveProperty(ctx: ApiContext, type: ObjectType, name: string): Promise<Response> {
  requireScope(ctx, type, "write");
  if (builtInProperties(type).some((p) => p.name === name)) throw validation(`${name} is a HubSpot-defined property and cannot be archived.`);
  await sandboxDb()
    .delete(customProperties)
    .where(and(eq(customProperties.accountId, ctx.account.id), eq(customProperties.objectType, type), eq(customProperties.name, name)));
  return new Response(null, { status: 204 });
}
