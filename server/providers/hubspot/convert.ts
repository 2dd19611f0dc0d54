import { cleanAmount, cleanEmail, cleanText, type CanonicalContact, type CanonicalProduct, type SideRecord } from "../../sync/model/canonical";
import type { HubSpotObject } from "./types";

export const CONTACT_PROPERTIES = ["email", "firstname", "lastname", "company", "phone"];
export const PRODUCT_PROPERTIES = ["name", "hs_sku", "price", "description"];

export function contactFromHubSpot(object: HubSpotObject): SideRecord<CanonicalContact> {
  const p = object.properties;
  return {
    id: object.id,
    updatedAt: object.updatedAt,
    active: !object.archived,
    data: {
      email: cleanEmail(p.email),
      firstName: cleanText(p.firstname),
      lastName: cleanText(p.lastname),
      companyName: cleanText(p.company),
      phone: cleanText(p.phone),
    },
  };
}

/** HubSpot clears a property given as an empty string. */
export function contactProperties(contact: CanonicalContact): Record<string, string> {
  return {
    email: contact.email ?? "",
    firstname: contact.firstName ?? "",
    lastname: contact.lastName ?? "",
    company: contact.companyName ?? "",
    phone: contact.phone ?? "",
  };
}

export function productFromHubSpot(object: HubSpotObject): SideRecord<CanonicalProduct> {
  const p = object.properties;
  return {
    id: object.id,
    updatedAt: object.updatedAt,
    active: !object.archived,
    data: {
      name: cleanText(p.name) ?? "",
      sku: cleanText(p.hs_sku),
      price: cleanAmount(p.price),
      description: cleanText(p.description),
    },
  };
}

export function productProperties(product: CanonicalProduct): Record<string, string> {
  return {
    name: product.name,
    hs_sku: product.sku ?? "",
    price: product.price === null ? "" : String(product.price),
    description: product.description ?? "",
  };
}
