import { and, count, eq, isNull } from "drizzle-orm";
import { getAccessToken, refreshAfterRejection } from "../../connections/access-token";
import type { Database } from "../../db/client";
import { connections, recordLinks } from "../../db/schema";
import { QuickBooksClient } from "../../providers/quickbooks/client";
import { quickbooksEndpoints } from "../../providers/quickbooks/endpoints";
import { CUSTOM_LINE_ITEM } from "../../providers/quickbooks/items";
import type { QboCompanyInfo, QboPreferences } from "../../providers/quickbooks/preferences";
import type { QboItem } from "../../providers/quickbooks/types";
import { loadSyncConfig } from "../config";
import { invoiceSettings } from "../objects/invoices";
import { SYNC_ERRORS, SyncError } from "../errors";
import { taxMappingStatus } from "../tax/status";

export type CheckStatus = "pass" | "warn" | "block";

export interface PreflightCheck {
  id: "custom_transaction_numbers" | "closed_books" | "revenue_recognition" | "company_country" | "items_have_skus" | "contacts_synced";
  title: string;
  status: CheckStatus;
  /** Why it passes, warns or blocks, with the facts read from the company. */
  reason: string;
  /** What to do about it (on a pass: nothing, said plainly). */
  action: string;
  /** The catalogue error records would fail with, when the check isn't a pass. */
  errorCode: keyof typeof SYNC_ERRORS | null;
  /** What a block stops: outbound invoices (HubSpot → QuickBooks). */
  blocks: "outbound_invoices" | null;
}

export interface PreflightResult {
  company: { name: string | null; country: string | null };
  checks: PreflightCheck[];
  /** Some check blocks invoices from going HubSpot → QuickBooks. */
  outboundInvoicesBlocked: boolean;
}

/** The facts the checks are decided on (read from QuickBooks and Tandem's own records). */
export interface PreflightFacts {
  companyInfo: QboCompanyInfo;
  preferences: QboPreferences;
  itemsWithoutSku: number;
  activeItems: number;
  contacts: { enabled: boolean; failed: number; synced: number };
  /** Outside the US: what the tax mapping still lacks (empty when complete). */
  taxGaps: string[];
  /** The invoice sync's service dates: the HubSpot line-item property and the fallback for lines without one. */
  serviceDates: { property: string | null; fallback: "invoice_date" | "due_date" | "none" };
}

const nothingToDo = "Nothing to do.";

function section(preferences: QboPreferences, name: string): Record<string, unknown> {
  const value = preferences[name];
  return value && typeof value === "object" ? (value as Record<string, unknown>) : {};
}

const FALLBACK_NAMES = { invoice_date: "the invoice date", due_date: "the due date" } as const;

/** Revenue recognition needs a service date on every line: configured service dates give them one. */
function revenueRecognitionCheck(on: boolean, serviceDates: PreflightFacts["serviceDates"]): PreflightCheck {
  const base = { id: "revenue_recognition", title: "Revenue recognition" } as const;
  if (!on) {
    return { ...base, status: "pass", reason: "Revenue recognition is off in QuickBooks: invoice lines don't need a service date.", action: nothingToDo, errorCode: null, blocks: null };
  }
  const { property, fallback } = serviceDates;
  if (fallback !== "none") {
    const source = property ? `the HubSpot line-item property “${property}”, else ${FALLBACK_NAMES[fallback]}` : FALLBACK_NAMES[fallback];
    return {
      ...base,
      status: "pass",
      reason: `Revenue recognition is on in QuickBooks, and every invoice line gets its service date from ${source}.`,
      action: nothingToDo,
      errorCode: null,
      blocks: null,
    };
  }
  if (property) {
    return {
      ...base,
      status: "warn",
      reason: `Revenue recognition is on in QuickBooks. Lines take their service date from the HubSpot line-item property “${property}”; a line where it is empty fails with “Revenue recognition”, as no fallback is chosen.`,
      action: "Fill in the property on every line, or choose the invoice date or due date as the fallback in the invoice settings.",
      errorCode: "SERVICE_DATE_REQUIRED",
      blocks: null,
    };
  }
  return {
    ...base,
    status: "block",
    reason: `${SYNC_ERRORS.SERVICE_DATE_REQUIRED.explanation} HubSpot invoice lines carry no service date and no service date is configured, so every invoice sent to QuickBooks would fail.`,
    action: SYNC_ERRORS.SERVICE_DATE_REQUIRED.fix,
    errorCode: "SERVICE_DATE_REQUIRED",
    blocks: "outbound_invoices",
  };
}

/** Decides every check from the facts (pure, so each rule is easy to see). */
export function decideChecks(facts: PreflightFacts): PreflightCheck[] {
  const { preferences, companyInfo } = facts;
  const customTxnNumbers = section(preferences, "SalesFormsPrefs").CustomTxnNumbers === true;
  const bookCloseDate = section(preferences, "AccountingInfoPrefs").BookCloseDate;
  const revenueRecognition = section(preferences, "ProductAndServicesPrefs").RevenueRecognition === true;
  const country = companyInfo.Country ?? null;
  const checks: PreflightCheck[] = [];

  checks.push(
    customTxnNumbers
      ? {
          id: "custom_transaction_numbers",
          title: "Custom transaction numbers",
          status: "warn",
          reason:
            "Custom transaction numbers are on in QuickBooks, so invoice numbers come from HubSpot and may clash with numbers QuickBooks already used: such invoices fail with “Duplicate invoice number”.",
          action: "Turn off custom transaction numbers in QuickBooks (Account and settings → Sales → Custom transaction numbers), or keep HubSpot's numbering apart from QuickBooks'.",
          errorCode: "DUPLICATE_DOC_NUMBER",
          blocks: null,
        }
      : {
          id: "custom_transaction_numbers",
          title: "Custom transaction numbers",
          status: "pass",
          reason: "Custom transaction numbers are off: QuickBooks numbers the invoices Tandem creates, so numbers can't clash.",
          action: nothingToDo,
          errorCode: null,
          blocks: null,
        },
  );

  checks.push(
    typeof bookCloseDate === "string" && bookCloseDate
      ? {
          id: "closed_books",
          title: "Closed books",
          status: "warn",
          reason: `The books are closed through ${bookCloseDate}: invoices dated on or before it can't be written to QuickBooks and fail with “Closed books”.`,
          action: "Sync only invoices dated after the closing date, or move the closing date in QuickBooks (Account and settings → Advanced → Accounting).",
          errorCode: "CLOSED_PERIOD",
          blocks: null,
        }
      : {
          id: "closed_books",
          title: "Closed books",
          status: "pass",
          reason: "No closing date is set in QuickBooks: invoices of any date can be written.",
          action: nothingToDo,
          errorCode: null,
          blocks: null,
        },
  );

  checks.push(revenueRecognitionCheck(revenueRecognition, facts.serviceDates));

  checks.push(
    !country || country === "US"
      ? {
          id: "company_country",
          title: "Company country",
          status: "pass",
          reason: `The QuickBooks company is in ${country ?? "the US"}: invoices need no tax codes from HubSpot.`,
          action: nothingToDo,
          errorCode: null,
          blocks: null,
        }
      : facts.taxGaps.length > 0
        ? {
            id: "company_country",
            title: "Company country",
            status: "block",
            reason: `The QuickBooks company is in ${country}. ${SYNC_ERRORS.TAX_REQUIRED.explanation} ${facts.taxGaps.join(" ")}`,
            action: SYNC_ERRORS.TAX_REQUIRED.fix,
            errorCode: "TAX_REQUIRED",
            blocks: "outbound_invoices",
          }
        : {
            id: "company_country",
            title: "Company country",
            status: "pass",
            reason: `The QuickBooks company is in ${country}, where invoice lines need tax codes: the tax mapping gives every HubSpot line one, and Tandem checks QuickBooks' totals against HubSpot's.`,
            action: nothingToDo,
            errorCode: null,
            blocks: null,
          },
  );

  checks.push(
    facts.itemsWithoutSku > 0
      ? {
          id: "items_have_skus",
          title: "Items carry SKUs",
          status: "warn",
          reason: `${facts.itemsWithoutSku} of ${facts.activeItems} active QuickBooks items have no SKU: they don't sync as products, and invoice lines can't be matched to them (such lines go to the “Custom line item” item).`,
          action: "Give each item you sell through HubSpot a SKU in QuickBooks (Sales → Products and services).",
          errorCode: null,
          blocks: null,
        }
      : {
          id: "items_have_skus",
          title: "Items carry SKUs",
          status: "pass",
          reason: facts.activeItems ? `All ${facts.activeItems} active QuickBooks items have a SKU.` : "The company has no active items yet.",
          action: nothingToDo,
          errorCode: null,
          blocks: null,
        },
  );

  const { contacts } = facts;
  checks.push(
    !contacts.enabled
      ? {
          id: "contacts_synced",
          title: "Contacts synced",
          status: "warn",
          reason: "The contact sync is off: invoices find their QuickBooks customer through it, so an invoice whose contact isn't synced creates or looks up the customer on its own and may fail with “Missing customer” or “Duplicate name”.",
          action: "Switch the contact sync on (and let its first run finish) before the invoice sync.",
          errorCode: "MISSING_CUSTOMER",
          blocks: null,
        }
      : contacts.failed > 0
        ? {
            id: "contacts_synced",
            title: "Contacts synced",
            status: "warn",
            reason: `${contacts.failed} contact${contacts.failed === 1 ? "" : "s"} failed to sync: their invoices can't find their QuickBooks customer.`,
            action: "Open the failed contacts in the record view, fix each as its error says, then retry them.",
            errorCode: null,
            blocks: null,
          }
        : {
            id: "contacts_synced",
            title: "Contacts synced",
            status: "pass",
            reason: `The contact sync is on with ${contacts.synced} contact${contacts.synced === 1 ? "" : "s"} synced and none failed.`,
            action: nothingToDo,
            errorCode: null,
            blocks: null,
          },
  );
  return checks;
}

export class QuickBooksNotConnectedError extends Error {
  constructor() {
    super("Connect QuickBooks Online before running the pre-flight checks.");
    this.name = "QuickBooksNotConnectedError";
  }
}

async function quickbooksClientFor(db: Database, orgId: string): Promise<QuickBooksClient> {
  const connection = await db.query.connections.findFirst({ where: and(eq(connections.orgId, orgId), eq(connections.provider, "quickbooks")) });
  if (!connection || connection.status !== "active") throw new QuickBooksNotConnectedError();
  return new QuickBooksClient({
    apiBaseUrl: quickbooksEndpoints().apiBaseUrl,
    realmId: connection.externalAccountId,
    connectionId: connection.id,
    tokens: {
      current: async () => (await getAccessToken(db, connection.id)).accessToken,
      afterRejection: async (rejected) => (await refreshAfterRejection(db, connection.id, rejected)).accessToken,
    },
  });
}

/** Outside the US, what the tax mapping lacks; HubSpot must be connected to read its tax rates. */
async function taxGapsOf(db: Database, orgId: string, country: string): Promise<string[]> {
  if (country === "US") return [];
  try {
    return (await taxMappingStatus(db, orgId)).gaps;
  } catch (error) {
    if (error instanceof SyncError && error.code === "CONNECTION_EXPIRED") return ["Connect HubSpot so its tax rates can be mapped to QuickBooks tax codes."];
    throw error;
  }
}

/** Reads the connected QuickBooks company and the org's contact sync, and decides every check. */
export async function runPreflight(db: Database, orgId: string): Promise<PreflightResult> {
  const quickbooks = await quickbooksClientFor(db, orgId);
  const [companyInfo, preferences, items, contactsConfig, contactCounts, invoicesConfig] = await Promise.all([
    quickbooks.companyInfo(),
    quickbooks.preferences(),
    quickbooks.queryAll<QboItem>("Item", "Active = true"),
    loadSyncConfig(db, orgId, "contacts"),
    db
      .select({ state: recordLinks.state, n: count() })
      .from(recordLinks)
      .where(and(eq(recordLinks.orgId, orgId), eq(recordLinks.object, "contacts"), isNull(recordLinks.parentLinkId)))
      .groupBy(recordLinks.state),
    loadSyncConfig(db, orgId, "invoices"),
  ]);
  const { serviceDateProperty, serviceDateFallback } = invoiceSettings(invoicesConfig);
  // Categories group items and are never sold; Tandem's own "Custom line item" takes the unmatched lines.
  const sellable = items.filter((item) => item.Type !== "Category" && item.Name !== CUSTOM_LINE_ITEM);
  const facts: Omit<PreflightFacts, "taxGaps"> = {
    companyInfo,
    preferences,
    activeItems: sellable.length,
    itemsWithoutSku: sellable.filter((item) => !item.Sku?.trim()).length,
    contacts: {
      enabled: contactsConfig.enabled,
      failed: contactCounts.find((c) => c.state === "failed")?.n ?? 0,
      synced: contactCounts.find((c) => c.state === "synced")?.n ?? 0,
    },
    serviceDates: { property: serviceDateProperty ?? null, fallback: serviceDateFallback },
  };
  const checks = decideChecks({ ...facts, taxGaps: await taxGapsOf(db, orgId, companyInfo.Country ?? "US") });
  return {
    company: { name: companyInfo.CompanyName ?? null, country: companyInfo.Country ?? null },
    checks,
    outboundInvoicesBlocked: checks.some((c) => c.status === "block" && c.blocks === "outbound_invoices"),
  };
}
