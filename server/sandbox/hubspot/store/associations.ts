import { and, asc, eq } from "drizzle-orm";
import type { SandboxExecutor } from "./db";
import { associations, objects } from "./schema";
import type { ObjectType } from "../domain/object-types";

export interface AssociationLink {
  toId: number;
  typeIds: number[];
}

/** Associations of one record to live records of another type, grouped by target. */
export async function associationsOf(db: SandboxExecutor, accountId: number, fromType: ObjectType, fromId: number, toType: ObjectType): Promise<AssociationLink[]> {
  const rows = await db
    .select({ toId: associations.toId, typeId: associations.typeId })
    .from(associations)
    .innerJoin(objects, eq(objects.id, associations.toId))
    .where(
      and(
        eq(associations.accountId, accountId),
        eq(associations.fromType, fromType),
        eq(associations.fromId, fromId),
        eq(associations.toType, toType),
        eq(objects.archived, false),
      ),
    )
    .orderBy(asc(associations.toId), asc(associations.typeId));
  const grouped = new Map<number, number[]>();
  for (const row of rows) grouped.set(row.toId, [...(grouped.get(row.toId) ?? []), row.typeId]);
  return [...grouped].map(([toId, typeIds]) => ({ toId, typeIds }));
}
