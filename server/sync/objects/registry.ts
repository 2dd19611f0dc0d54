import type { SyncObject } from "../../db/schema";
import { contactsSpec } from "./contacts";
import { invoicesSpec } from "./invoices";
import { paymentsSpec } from "./payments";
import { productsSpec } from "./products";
import type { ObjectSpec } from "./types";

/** Every object the engine syncs. Adding one means a spec here and its two adapters. */
export const OBJECT_SPECS: Partial<Record<SyncObject, ObjectSpec>> = {
  contacts: contactsSpec,
  products: productsSpec,
  invoices: invoicesSpec,
  payments: paymentsSpec,
};

export function specFor(object: SyncObject): ObjectSpec | undefined {
  return OBJECT_SPECS[object];
}

export const syncedObjects = (): ObjectSpec[] => Object.values(OBJECT_SPECS);

/** The objects whose records hang off a record of `parent` (an invoice's payments). */
export const childSpecsOf = (parent: SyncObject): ObjectSpec[] => syncedObjects().filter((spec) => spec.parent === parent);
