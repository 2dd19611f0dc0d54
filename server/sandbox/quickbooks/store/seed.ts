import { and, eq, isNull, sql } from "drizzle-orm";
import { now } from "../domain/clock";
import { asText, type Doc } from "../domain/documents";
import { faults } from "../domain/faults";
import { prepareCustomer, prepareItem } from "../domain/name-lists";
import type { SandboxDb } from "./db";
import * as store from "./records";
import { companies, entities } from "./schema";
import { settingsOf } from "./service";

/** Rows per INSERT while seeding. */
const CHUNK = 1_000;

/**
 * Bulk-loads customers into a company as if they had been there before any app connected (the
 * sandbox's seeding, not Intuit's API): each goes through the same rules as an API create
 * (`prepareCustomer`: names unique case-insensitively, email format, defaults), gets the next
 * Ids, and sends no webhooks. All or nothing: one bad customer refuses the whole seed.
 */
export async function seedCustomers(db: SandboxDb, realmId: string, inputs: Doc[]): Promise<{ ids: string[] }> {
  return db.transaction(async (tx) => {
    const company = await store.lockCompany(tx, realmId);
    if (!company) throw faults.objectNotFound("Company", realmId);
    const settings = settingsOf(company);
    const existing = await tx
      .select({ name: sql<string>`lower(${entities.body} ->> 'DisplayName')` })
      .from(entities)
      .where(and(eq(entities.realmId, realmId), eq(entities.entityType, "Customer"), isNull(entities.deletedAt)));
    const taken = new Set(existing.map((row) => row.name));
    const bodies: Doc[] = [];
    for (const input of inputs) {
      const body = await prepareCustomer(input, undefined, settings, { nameTaken: async (name) => taken.has(name.toLowerCase()) });
      taken.add(String(asText(body.DisplayName)).toLowerCase());
      bodies.push(body);
    }
    const first = (company.lastIds.Customer ?? 0) + 1;
    const at = now();
    const ids = bodies.map((_, i) => String(first + i));
    for (let i = 0; i < bodies.length; i += CHUNK) {
      await tx.insert(entities).values(
        bodies.slice(i, i + CHUNK).map((body, j) => ({ realmId, entityType: "Customer", id: ids[i + j]!, body, syncToken: 0, createdAt: at, updatedAt: at })),
      );
    }
    await tx
      .update(companies)
      .set({ lastIds: { ...company.lastIds, Customer: first + bodies.length - 1 } })
      .where(eq(companies.realmId, realmId));
    return { ids };
  });
}

/**
 * Bulk-loads items the same way (`prepareItem`'s rules: names unique, types, accounts), with the
 * income account given by Id; no webhooks. All or nothing.
 */
export async function seedItems(db: SandboxDb, realmId: string, inputs: Doc[]): Promise<{ ids: string[] }> {
  return db.transaction(async (tx) => {
    const company = await store.lockCompany(tx, realmId);
    if (!company) throw faults.objectNotFound("Company", realmId);
    const existing = await tx
      .select({ name: sql<string>`lower(${entities.body} ->> 'Name')` })
      .from(entities)
      .where(and(eq(entities.realmId, realmId), eq(entities.entityType, "Item"), isNull(entities.deletedAt)));
    const taken = new Set(existing.map((row) => row.name));
    const accounts = new Map<string, Doc | undefined>();
    const findAccount = async (id: string) => {
      if (!accounts.has(id)) accounts.set(id, (await store.findEntity(tx, realmId, "Account", id))?.body);
      return accounts.get(id);
    };
    const bodies: Doc[] = [];
    for (const input of inputs) {
      const body = await prepareItem(input, undefined, { nameTaken: async (name) => taken.has(name.toLowerCase()), findAccount });
      taken.add(String(asText(body.Name)).toLowerCase());
      bodies.push(body);
    }
    const first = (company.lastIds.Item ?? 0) + 1;
    const at = now();
    const ids = bodies.map((_, i) => String(first + i));
    for (let i = 0; i < bodies.length; i += CHUNK) {
      await tx.insert(entities).values(bodies.slice(i, i + CHUNK).map((body, j) => ({ realmId, entityType: "Item", id: ids[i + j]!, body, syncToken: 0, createdAt: at, updatedAt: at })));
    }
    await tx
      .update(companies)
      .set({ lastIds: { ...company.lastIds, Item: first + bodies.length - 1 } })
      .where(eq(companies.realmId, realmId));
    return { ids };
  });
}
