/** The CRM object types the sandbox emulates, by path name, with HubSpot's type ids. */
export const OBJECT_TYPES = {
  contacts: { typeId: "0-1", singular: "contact" },
  companies: { typeId: "0-2", singular: "company" },
  products: { typeId: "0-7", singular: "product" },
  line_items: { typeId: "0-8", singular: "line_item" },
  invoices: { typeId: "0-53", singular: "invoice" },
  commerce_payments: { typeId: "0-101", singular: "commerce_payment" },
} as const;

export type ObjectType = keyof typeof OBJECT_TYPES;

export const OBJECT_TYPE_NAMES = Object.keys(OBJECT_TYPES) as ObjectType[];

const ALIASES: Record<string, ObjectType> = {
  contact: "contacts",
  company: "companies",
  product: "products",
  line_item: "line_items",
  lineitem: "line_items",
  lineitems: "line_items",
  invoice: "invoices",
  commerce_payment: "commerce_payments",
  payment: "commerce_payments",
  payments: "commerce_payments",
};

/** Accepts a path name ("line_items"), a singular ("line_item") or a type id ("0-8"). */
export function resolveObjectType(value: string): ObjectType | null {
  const lower = value.toLowerCase();
  if (lower in OBJECT_TYPES) return lower as ObjectType;
  if (lower in ALIASES) return ALIASES[lower] ?? null;
  return OBJECT_TYPE_NAMES.find((name) => OBJECT_TYPES[name].typeId === lower) ?? null;
}

export const objectTypeId = (type: ObjectType): string => OBJECT_TYPES[type].typeId;

export interface AssociationDefinition {
  from: ObjectType;
  to: ObjectType;
  typeId: number;
}

/** HubSpot-defined (default) association types, both directions; ids from HubSpot's reference. */
const DEFINED: Array<[ObjectType, ObjectType, number, number]> = [
  ["invoices", "contacts", 177, 178],
  ["invoices", "companies", 179, 180],
  ["invoices", "line_items", 409, 410],
  ["invoices", "commerce_payments", 541, 542],
  ["commerce_payments", "contacts", 387, 388],
  ["commerce_payments", "companies", 389, 390],
  ["commerce_payments", "line_items", 395, 396],
  ["contacts", "companies", 279, 280],
];

export const DEFAULT_ASSOCIATIONS: AssociationDefinition[] = DEFINED.flatMap(([from, to, forward, backward]) => [
  { from, to, typeId: forward },
  { from: to, to: from, typeId: backward },
]);

export function defaultAssociationType(from: ObjectType, to: ObjectType): number | null {
  return DEFAULT_ASSOCIATIONS.find((d) => d.from === from && d.to === to)?.typeId ?? null;
}

export function inverseAssociationType(from: ObjectType, to: ObjectType, typeId: number): number | null {
  const forward = DEFAULT_ASSOCIATIONS.find((d) => d.from === from && d.to === to && d.typeId === typeId);
  return forward ? defaultAssociationType(to, from) : null;
}

/** The v3 association labels used in `associations` on record reads, e.g. "invoice_to_contact". */
export function associationLabel(from: ObjectType, to: ObjectType): string {
  return `${OBJECT_TYPES[from].singular}_to_${OBJECT_TYPES[to].singular}`;
}
