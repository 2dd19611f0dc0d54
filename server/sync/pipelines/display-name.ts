import type { CanonicalContact } from "../model/canonical";

/**
 * The QuickBooks DisplayName for a new customer made from a contact: the company's name for the
 * first contact of a company (the company is the customer), else the person's name.
 */
export function displayNameFor(contact: CanonicalContact, companyAlreadyACustomer: boolean): string {
  const person = [contact.firstName, contact.lastName].filter(Boolean).join(" ");
  if (contact.companyName && !companyAlreadyACustomer) return contact.companyName;
  return person || contact.email || "Unnamed contact";
}

/** "Acme" → "Acme (2)" → "Acme (3)": the optional way around a DisplayName clash. */
export function withSuffix(name: string, attempt: number): string {
  return attempt <= 1 ? name : `${name} (${attempt})`;
}

/** QuickBooks query strings are single-quoted with backslash escapes. */
export function qboQuote(value: string): string {
  return `'${value.replaceAll("\\", "\\\\").replaceAll("'", "\\'")}'`;
}
