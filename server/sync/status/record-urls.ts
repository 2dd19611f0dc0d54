import type { SyncObject } from "../../db/schema";
import { env } from "../../env";
import type { Side } from "../links";

/** The accounts the org is connected to: HubSpot's portal id and QuickBooks' realm id. */
export interface ConnectedAccounts {
  hubspotPortalId: string | null;
  quickbooksRealmId: string | null;
}

export interface RecordUrlBases {
  /** The sandbox HubSpot's page root (`…/sandbox/hubspot`), or null for the real HubSpot. */
  hubspotSandbox: string | null;
  /** The sandbox QuickBooks' page root (`…/sandbox/quickbooks`), or null for the real QuickBooks Online. */
  quickbooksSandbox: string | null;
}

/** The part of a provider base URL up to and including `/sandbox/<provider>`, when it points at a sandbox. */
function sandboxRoot(baseUrl: string | undefined, provider: Side): string | null {
  if (!baseUrl) return null;
  const url = new URL(baseUrl);
  const marker = `/sandbox/${provider}`;
  const at = url.pathname.indexOf(marker);
  return at < 0 ? null : `${url.origin}${url.pathname.slice(0, at + marker.length)}`;
}

/** Where the record pages live: the sandboxes' pages when the provider base URLs point at them. */
export function recordUrlBases(config: { HUBSPOT_BASE_URL?: string; QUICKBOOKS_BASE_URL?: string } = env()): RecordUrlBases {
  return { hubspotSandbox: sandboxRoot(config.HUBSPOT_BASE_URL, "hubspot"), quickbooksSandbox: sandboxRoot(config.QUICKBOOKS_BASE_URL, "quickbooks") };
}

/** HubSpot object type ids in record URLs (`/contacts/{portal}/record/{type}/{id}`). */
const HUBSPOT_TYPE: Record<SyncObject, string> = { contacts: "0-1", products: "0-7", invoices: "0-53", payments: "0-101" };
/** The sandbox HubSpot's page per object. */
const HUBSPOT_SANDBOX_PAGE: Record<SyncObject, string> = { contacts: "contacts", products: "products", invoices: "invoices", payments: "payments" };
/** The sandbox QuickBooks' page per object. */
const QUICKBOOKS_SANDBOX_PAGE: Record<SyncObject, string> = { contacts: "customers", products: "items", invoices: "invoices", payments: "payments" };

/** A QuickBooks payment's link holds its application to one invoice, `<Payment Id>:<Invoice Id>`; its page is the payment's. */
const quickbooksPageId = (object: SyncObject, id: string) => (object === "payments" ? id.split(":")[0]! : id);

const enc = encodeURIComponent;

/** The page of a record on one side, or null when there is none to open (no id, no account, no page). */
export function recordUrl(bases: RecordUrlBases, accounts: ConnectedAccounts, object: SyncObject, side: Side, id: string | null): string | null {
  if (!id) return null;
  if (side === "hubspot") {
    const portal = accounts.hubspotPortalId;
    if (!portal) return null;
    if (bases.hubspotSandbox) return `${bases.hubspotSandbox}/${enc(portal)}/${HUBSPOT_SANDBOX_PAGE[object]}/${enc(id)}`;
    return `https://app.hubspot.com/contacts/${enc(portal)}/record/${HUBSPOT_TYPE[object]}/${enc(id)}`;
  }
  if (bases.quickbooksSandbox) {
    const realm = accounts.quickbooksRealmId;
    return realm ? `${bases.quickbooksSandbox}/companies/${enc(realm)}/${QUICKBOOKS_SANDBOX_PAGE[object]}/${enc(quickbooksPageId(object, id))}` : null;
  }
  // QuickBooks Online opens the signed-in company; its pages take the record id only.
  switch (object) {
    case "contacts":
      return `https://app.qbo.intuit.com/app/customerdetail?nameId=${enc(id)}`;
    case "products":
      return `https://app.qbo.intuit.com/app/items?itemId=${enc(id)}`;
    case "invoices":
      return `https://app.qbo.intuit.com/app/invoice?txnId=${enc(id)}`;
    case "payments":
      return `https://app.qbo.intuit.com/app/recvpayment?txnId=${enc(quickbooksPageId(object, id))}`;
  }
}

export function recordUrls(bases: RecordUrlBases, accounts: ConnectedAccounts, object: SyncObject, ids: { hubspotId: string | null; quickbooksId: string | null }) {
  return {
    hubspot: recordUrl(bases, accounts, object, "hubspot", ids.hubspotId),
    quickbooks: recordUrl(bases, accounts, object, "quickbooks", ids.quickbooksId),
  };
}
