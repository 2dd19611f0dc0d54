import type { CompanySettings } from "./company-settings";
import { asBoolean, asDoc, asNumber, asText, compact, refValue, type Doc } from "./documents";
import { faults } from "./faults";

/** Lookups the name-list rules need; the store answers them, tests fake them. */
export interface NameListContext {
  /** True when another record of the same list (not `exceptId`) already has this name, ignoring case. */
  nameTaken(name: string, exceptId?: string): Promise<boolean>;
  findAccount?(id: string): Promise<Doc | undefined>;
}

const INACTIVE_SUFFIX = " (deleted)";

/**
 * QBO renames a record it makes inactive to "<name> (deleted)", which frees the name; making it
 * active again restores the name.
 */
export function applyActiveRename(name: string, wasActive: boolean, active: boolean): string {
  if (wasActive && !active && !name.endsWith(INACTIVE_SUFFIX)) return `${name}${INACTIVE_SUFFIX}`;
  if (!wasActive && active && name.endsWith(INACTIVE_SUFFIX)) return name.slice(0, -INACTIVE_SUFFIX.length);
  return name;
}

function checkLength(field: string, value: string | undefined, max: number): void {
  if (value && value.length > max) throw faults.stringLength(field, max, value.length);
}

/** Builds a Customer document from the (merged) input; `existing` is the stored one for updates. */
export async function prepareCustomer(input: Doc, existing: Doc | undefined, settings: CompanySettings, ctx: NameListContext): Promise<Doc> {
  const nameParts = ["Title", "GivenName", "MiddleName", "FamilyName", "Suffix"].map((k) => asText(input[k]));
  let displayName = asText(input.DisplayName) ?? (nameParts.filter(Boolean).join(" ") || undefined);
  if (!displayName) throw faults.missingName();
  checkLength("DisplayName", displayName, 500);
  if (displayName.includes(":")) throw faults.businessValidation("The DisplayName cannot contain a colon (:).");
  const active = asBoolean(input.Active) ?? true;
  const wasActive = existing ? asBoolean(existing.Active) !== false : true;
  displayName = applyActiveRename(displayName, wasActive, active);
  if (await ctx.nameTaken(displayName, asText(existing?.Id))) throw faults.duplicateName();
  const email = asText(asDoc(input.PrimaryEmailAddr)?.Address);
  if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw faults.businessValidation("Invalid email address format.");
  return compact({
    ...input,
    Title: nameParts[0],
    GivenName: nameParts[1],
    MiddleName: nameParts[2],
    FamilyName: nameParts[3],
    Suffix: nameParts[4],
    DisplayName: displayName,
    FullyQualifiedName: displayName,
    PrintOnCheckName: asText(input.PrintOnCheckName) ?? asText(input.CompanyName) ?? displayName,
    PrimaryEmailAddr: email ? { Address: email } : undefined,
    Active: active,
    Taxable: asBoolean(input.Taxable) ?? false,
    Job: false,
    BillWithParent: false,
    IsProject: false,
    PreferredDeliveryMethod: asText(input.PreferredDeliveryMethod) ?? "Print",
    CurrencyRef: settings.currency,
    Balance: asNumber(existing?.Balance) ?? 0,
    BalanceWithJobs: asNumber(existing?.Balance) ?? 0,
  });
}

export const ITEM_TYPES = ["Service", "NonInventory", "Inventory", "Group", "Category"] as const;

async function accountRef(ctx: NameListContext, input: Doc, field: string, required: boolean): Promise<Doc | undefined> {
  const id = refValue(input[field]);
  if (!id) {
    if (required) throw faults.requiredParam(field);
    return undefined;
  }
  const account = await ctx.findAccount?.(id);
  if (!account || account.Active === false) throw faults.invalidReference(`${field}=${id}`);
  return { value: id, name: asText(account.Name) };
}

export async function prepareItem(input: Doc, existing: Doc | undefined, ctx: NameListContext): Promise<Doc> {
  let name = asText(input.Name);
  if (!name) throw faults.requiredParam("Name");
  checkLength("Name", name, 100);
  if (name.includes(":")) throw faults.businessValidation("The Name cannot contain a colon (:).");
  const type = asText(input.Type) ?? "NonInventory";
  if (!(ITEM_TYPES as readonly string[]).includes(type)) throw faults.invalidField(`Type value ${type}`);
  checkLength("Sku", asText(input.Sku), 100);
  const active = asBoolean(input.Active) ?? true;
  const wasActive = existing ? asBoolean(existing.Active) !== false : true;
  name = applyActiveRename(name, wasActive, active);
  if (await ctx.nameTaken(name, asText(existing?.Id))) throw faults.duplicateItemName();
  const sellable = type === "Service" || type === "NonInventory" || type === "Inventory";
  const inventory = type === "Inventory";
  if (inventory) {
    for (const field of ["QtyOnHand", "InvStartDate"]) if (input[field] === undefined || input[field] === null) throw faults.requiredParam(field);
    if (asBoolean(input.TrackQtyOnHand) !== true) throw faults.requiredParam("TrackQtyOnHand");
  }
  return compact({
    ...input,
    Name: name,
    FullyQualifiedName: name,
    Type: type,
    Sku: asText(input.Sku),
    Active: active,
    Taxable: asBoolean(input.Taxable) ?? false,
    UnitPrice: asNumber(input.UnitPrice) ?? 0,
    IncomeAccountRef: await accountRef(ctx, input, "IncomeAccountRef", sellable),
    ExpenseAccountRef: await accountRef(ctx, input, "ExpenseAccountRef", inventory),
    AssetAccountRef: await accountRef(ctx, input, "AssetAccountRef", inventory),
    TrackQtyOnHand: asBoolean(input.TrackQtyOnHand) ?? false,
    QtyOnHand: inventory ? asNumber(input.QtyOnHand) : undefined,
  });
}

const CLASSIFICATIONS: Record<string, string> = {
  Bank: "Asset",
  "Accounts Receivable": "Asset",
  "Other Current Asset": "Asset",
  "Fixed Asset": "Asset",
  "Other Asset": "Asset",
  "Accounts Payable": "Liability",
  "Credit Card": "Liability",
  "Other Current Liability": "Liability",
  "Long Term Liability": "Liability",
  Equity: "Equity",
  Income: "Revenue",
  "Other Income": "Revenue",
  "Cost of Goods Sold": "Expense",
  Expense: "Expense",
  "Other Expense": "Expense",
};

export async function prepareAccount(input: Doc, existing: Doc | undefined, ctx: NameListContext): Promise<Doc> {
  const name = asText(input.Name);
  if (!name) throw faults.requiredParam("Name");
  checkLength("Name", name, 100);
  const accountType = asText(input.AccountType);
  if (!accountType) throw faults.requiredParam("AccountType");
  const classification = CLASSIFICATIONS[accountType];
  if (!classification) throw faults.invalidField(`AccountType value ${accountType}`);
  if (await ctx.nameTaken(name, asText(existing?.Id))) {
    throw faults.duplicateName();
  }
  return compact({
    ...input,
    Name: name,
    FullyQualifiedName: name,
    AccountType: accountType,
    Classification: classification,
    Active: asBoolean(input.Active) ?? true,
    SubAccount: false,
    CurrentBalance: asNumber(existing?.CurrentBalance) ?? 0,
    CurrentBalanceWithSubAccounts: asNumber(existing?.CurrentBalance) ?? 0,
  });
}

/** Standard terms only: due a number of days after the invoice date (date-driven terms aren't modelled). */
export async function prepareTerm(input: Doc, existing: Doc | undefined, ctx: NameListContext): Promise<Doc> {
  const name = asText(input.Name);
  if (!name) throw faults.requiredParam("Name");
  checkLength("Name", name, 31);
  const type = asText(input.Type) ?? "STANDARD";
  if (type !== "STANDARD") throw faults.invalidField(`Type value ${type}`);
  const dueDays = asNumber(input.DueDays) ?? 0;
  if (!Number.isInteger(dueDays) || dueDays < 0 || dueDays > 999) throw faults.invalidField(`DueDays value ${dueDays}`);
  if (await ctx.nameTaken(name, asText(existing?.Id))) throw faults.duplicateName();
  return compact({ ...input, Name: name, Type: type, DueDays: dueDays, Active: asBoolean(input.Active) ?? true });
}
