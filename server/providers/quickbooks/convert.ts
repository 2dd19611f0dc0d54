import { cleanAmount, cleanEmail, cleanText, type CanonicalContact, type CanonicalProduct, type SideRecord } from "../../sync/model/canonical";
import type { QboCustomer, QboItem } from "./types";

export function contactFromCustomer(customer: QboCustomer): SideRecord<CanonicalContact> {
  return {
    id: customer.Id,
    version: customer.SyncToken,
    updatedAt: customer.MetaData?.LastUpdatedTime,
    active: customer.Active !== false,
    data: {
      email: cleanEmail(customer.PrimaryEmailAddr?.Address),
      firstName: cleanText(customer.GivenName),
      lastName: cleanText(customer.FamilyName),
      companyName: cleanText(customer.CompanyName),
      phone: cleanText(customer.PrimaryPhone?.FreeFormNumber),
    },
  };
}

/** The customer fields a contact maps to (DisplayName is chosen separately, see contacts pipeline). */
export function customerFieldsFromContact(contact: CanonicalContact): Partial<QboCustomer> {
  return {
    GivenName: contact.firstName ?? undefined,
    FamilyName: contact.lastName ?? undefined,
    CompanyName: contact.companyName ?? undefined,
    PrimaryEmailAddr: contact.email ? { Address: contact.email } : undefined,
    PrimaryPhone: contact.phone ? { FreeFormNumber: contact.phone } : undefined,
  };
}

export function productFromItem(item: QboItem): SideRecord<CanonicalProduct> {
  return {
    id: item.Id,
    version: item.SyncToken,
    updatedAt: item.MetaData?.LastUpdatedTime,
    active: item.Active !== false,
    data: {
      name: item.Name.trim(),
      sku: cleanText(item.Sku),
      price: cleanAmount(item.UnitPrice),
      description: cleanText(item.Description),
    },
  };
}
