import { and, eq, inArray, isNull, or, sql } from "drizzle-orm";
import type { SandboxTx } from "./db";
import { accounts, apps, associations, objects, refreshTokens, webhookEvents } from "./schema";
import { HubSpotApiError, notFound, validation } from "../domain/errors";
import { lastModifiedProperty, normalizeValue, propertyValueErrors, type PropertyDefinition } from "../domain/properties";
import { defaultAssociationType, DEFAULT_ASSOCIATIONS, type ObjectType } from "../domain/object-types";
import {
  assertDeletable,
  assertEditableLines,
  assertStatusChange,
  formatCents,
  formatInvoiceNumber,
  invoiceTotals,
  InvoiceRuleError,
  lineItemAmountCents,
  lineItemTaxCents,
  settledStatus,
  TAX_PROPERTIES,
  type InvoiceStatus,
} from "../domain/invoice";
import { eventsForChange, type ChangeSource, type RecordChange } from "../domain/webhook-events";
import { findTaxRate } from "./tax-rates";
import { findManyByProperty, findRecord, propertyDefinitions, requireRecord, type ObjectRow } from "./records";

/** Who is writing: an app through its token (INTEGRATION) or a person in the sandbox UI (CRM_UI). */
export interface Actor {
  accountId: number;
  source: ChangeSource;
}

/** One input of a batch create. */
export interface CreateInput {
  properties: Record<string, unknown>;
  associations: AssociationInput[];
}

export interface AssociationInput {
  toType: ObjectType;
  toId: number;
  typeId: number;
  category?: string;
}

// Properties the sandbox maintains; a change of these never fires a propertyChange webhook.
const BOOKKEEPING = new Set(["hs_lastmodifieddate", "lastmodifieddate"]);
const CREATEDATE_TYPES = new Set<ObjectType>(["contacts", "companies", "products", "line_items"]);
// Types whose create applies no rule beyond property validation and the stamps (no product
// defaults, tax, invoice status or payment checks).
const PLAIN_CREATE_TYPES = new Set<ObjectType>(["contacts", "companies", "products"]);

const ruleError = (error: unknown): never => {
  if (error instanceof InvoiceRuleError) throw validation(error.message, { subCategory: "InvoiceValidationError" });
  throw error;
};

/**
 * One write transaction: applies record changes with HubSpot's rules, recomputes the invoices the
 * changes touch, and on `finish` queues webhook events for every app installed in the account.
 */
export class WriteSession {
  private readonly changes: RecordChange[] = [];
  private readonly touchedInvoices = new Set<number>();
  private readonly definitions = new Map<ObjectType, PropertyDefinition[]>();
  private stampedAt: Date | undefined;

  /**
   * The write's timestamp, taken on first use: after `update` holds the record's row lock, so a
   * writer that waited for the lock stamps later than the one it waited for, and a record's
   * last-modified date never goes backwards (searches on it with GTE rely on that).
   */
  get now(): Date {
    this.stampedAt ??= new Date();
    return this.stampedAt;
  }

  constructor(
    public tx: SandboxTx,
    readonly actor: Actor,
  ) {}

  /**
   * Runs one input of a batch in a savepoint: a failing input leaves no trace (no rows, no
   * webhook events) while the others go through.
   */
  async savepoint<T>(fn: () => Promise<T>): Promise<T> {
    const outer = this.tx;
    const changeCount = this.changes.length;
    const touched = new Set(this.touchedInvoices);
    try {
      return await outer.transaction(async (inner) => {
        this.tx = inner;
        return fn();
      });
    } catch (error) {
      this.changes.length = changeCount;
      this.touchedInvoices.clear();
      for (const id of touched) this.touchedInvoices.add(id);
      throw error;
    } finally {
      this.tx = outer;
    }
  }

  private async defs(type: ObjectType): Promise<PropertyDefinition[]> {
    let defs = this.definitions.get(type);
    if (!defs) {
      defs = await propertyDefinitions(this.tx, this.actor.accountId, type);
      this.definitions.set(type, defs);
    }
    return defs;
  }

  private async normalized(type: ObjectType, input: Record<string, unknown>): Promise<Record<string, string>> {
    const defs = await this.defs(type);
    const errors = propertyValueErrors(input, defs);
    if (errors.length) {
      throw validation(`Property values were not valid: ${JSON.stringify(errors.map((e) => ({ isValid: false, message: e.message, error: e.error, name: e.name })))}`, {
        errors: errors.map((e) => ({ message: e.message, code: e.error, context: { propertyName: [e.name] } })),
      });
    }
    const byName = new Map(defs.map((d) => [d.name, d]));
    return Object.fromEntries(Object.entries(input).map(([k, v]) => [k, normalizeValue(byName.get(k), v)]));
  }

  /** A new record's properties: its values and the dates and source HubSpot stamps on a create. */
  private stamped(type: ObjectType, values: Record<string, string>): Record<string, string> {
    const stamp = this.now.toISOString();
    const properties: Record<string, string> = {
      ...values,
      [lastModifiedProperty(type)]: stamp,
      hs_object_source: this.actor.source.changeSource,
      hs_object_source_id: this.actor.source.sourceId,
    };
    if (type !== "contacts") properties.hs_createdate = stamp;
    if (CREATEDATE_TYPES.has(type)) properties.createdate = stamp;
    return properties;
  }

  async create(type: ObjectType, input: Record<string, unknown>, assocs: AssociationInput[] = []): Promise<ObjectRow> {
    const values = await this.normalized(type, input);
    const properties = this.stamped(type, values);
    if (type === "products" || type === "line_items") await this.applyProductDefaults(type, properties);
    if (type === "line_items") {
      if (Number(properties.price ?? "0") < 0) throw validation("price cannot be negative.");
      properties.amount = formatCents(lineItemAmountCents(properties));
      await this.applyTaxRate(properties);
    }
    if (type === "invoices") this.invoiceDefaults(properties);
    const requestedStatus = properties.hs_invoice_status ?? "draft";
    if (type === "invoices") properties.hs_invoice_status = "draft";
    if (type === "commerce_payments") {
      if (!properties.hs_initial_amount || !properties.hs_initiated_date) {
        throw validation("Commerce payments require hs_initial_amount and hs_initiated_date.");
      }
      properties.hs_latest_status ||= "succeeded";
    }
    if (type === "contacts" && properties.email) await this.assertEmailFree(properties.email, null);
    const [row] = await this.tx
      .insert(objects)
      .values({ accountId: this.actor.accountId, objectType: type, properties, createdAt: this.now, updatedAt: this.now })
      .returning();
    if (!row) throw new Error("insert returned no row");
    const withId = { ...row.properties, hs_object_id: String(row.id) };
    await this.tx.update(objects).set({ properties: withId }).where(eq(objects.id, row.id));
    row.properties = withId;
    this.changes.push({ kind: "creation", objectType: type, objectId: row.id });
    for (const a of assocs) await this.associate(type, row.id, a.toType, a.toId, a.typeId, a.category);
    if (type === "invoices" && requestedStatus !== "draft") {
      // Created straight as open: the associations given with the create must satisfy the rules.
      return this.update("invoices", row.id, { hs_invoice_status: requestedStatus });
    }
    return row;
  }

  /**
   * A batch create: each input's record, or the error that refused that input alone (the others
   * go through). A taken email refuses the whole batch (409, nothing created), as HubSpot does.
   * Records without rules beyond their values (`PLAIN_CREATE_TYPES`, no associations) go in a
   * few statements for the batch; the others one by one, each in a savepoint.
   */
  async createMany(type: ObjectType, inputs: CreateInput[]): Promise<Array<ObjectRow | HubSpotApiError>> {
    if (!PLAIN_CREATE_TYPES.has(type) || inputs.some((i) => i.associations.length)) {
      const answers: Array<ObjectRow | HubSpotApiError> = [];
      for (const input of inputs) {
        try {
          answers.push(await this.savepoint(() => this.create(type, input.properties, input.associations)));
        } catch (error) {
          if (!(error instanceof HubSpotApiError) || error.category === "CONFLICT") throw error;
          answers.push(error);
        }
      }
      return answers;
    }
    const answers: Array<Record<string, string> | HubSpotApiError> = [];
    for (const input of inputs) {
      try {
        answers.push(this.stamped(type, await this.normalized(type, input.properties)));
      } catch (error) {
        if (!(error instanceof HubSpotApiError)) throw error;
        answers.push(error);
      }
    }
    const valid = answers.filter((a): a is Record<string, string> => !(a instanceof HubSpotApiError));
    if (valid.length === 0) return answers as HubSpotApiError[];
    // Ids drawn first, in input order, so that each row is written once with its hs_object_id.
    const drawn = (await this.tx.execute(
      sql`select nextval(pg_get_serial_sequence('sandbox_hubspot.objects', 'id'))::bigint as id from generate_series(1, ${valid.length}::int)`,
    )) as unknown as Array<{ id: string | number }>;
    const ids = drawn.map((r) => Number(r.id)).sort((a, b) => a - b);
    for (const [index, properties] of valid.entries()) properties.hs_object_id = String(ids[index]);
    if (type === "contacts") await this.assertEmailsFree(valid);
    const rows = await this.tx
      .insert(objects)
      .overridingSystemValue()
      .values(valid.map((properties, index) => ({ id: ids[index]!, accountId: this.actor.accountId, objectType: type, properties, createdAt: this.now, updatedAt: this.now })))
      .returning();
    const byId = new Map(rows.map((row) => [row.id, row]));
    return answers.map((answer) => {
      if (answer instanceof HubSpotApiError) return answer;
      const row = byId.get(Number(answer.hs_object_id));
      if (!row) throw new Error("insert returned no row");
      this.changes.push({ kind: "creation", objectType: type, objectId: row.id });
      return row;
    });
  }

  /** `assertEmailFree` for a batch, in one query: the first taken email in input order is refused. */
  private async assertEmailsFree(batch: Array<Record<string, string>>): Promise<void> {
    const emails = batch.map((p) => p.email ?? "").filter(Boolean);
    const taken = await findManyByProperty(this.tx, this.actor.accountId, "contacts", "email", emails);
    const earlier = new Map<string, string>();
    for (const properties of batch) {
      const email = properties.email;
      if (!email) continue;
      const holder = taken.get(email)?.id ?? earlier.get(email.toLowerCase());
      if (holder !== undefined) throw new HubSpotApiError(409, "CONFLICT", `Contact already exists. Existing ID: ${holder}`);
      earlier.set(email.toLowerCase(), properties.hs_object_id!);
    }
  }

  private invoiceDefaults(properties: Record<string, string>): void {
    if (!properties.hs_currency) throw validation("hs_currency is required to create an invoice.", { errors: [{ message: "hs_currency is required", code: "REQUIRED" }] });
    properties.hs_invoice_status ||= "draft";
    properties.hs_invoice_source ||= this.actor.source.changeSource === "CRM_UI" ? "hubspot" : "quickbooks";
    properties.hs_invoice_billable ||= "true";
    properties.hs_amount_billed = "0";
    properties.hs_amount_paid = "0";
    properties.hs_balance_due = "0";
  }

  /**
   * A line item's tax follows its tax rate (`hs_tax_rate_group_id`, from the account's tax rate
   * library): the rate's percentage and label are copied onto the line, its tax is the line's
   * amount times the rate, rounded to the cent per line. Without a rate the line carries no tax.
   */
  private async applyTaxRate(properties: Record<string, string>): Promise<void> {
    for (const name of TAX_PROPERTIES) delete properties[name];
    const groupId = properties.hs_tax_rate_group_id;
    if (!groupId) return;
    const rate = await findTaxRate(this.tx, this.actor.accountId, Number(groupId));
    if (!rate || !rate.active) {
      throw validation(`hs_tax_rate_group_id ${groupId} is not a tax rate of this account.`, {
        errors: [{ message: `${groupId} is not a valid tax rate group id`, code: "INVALID_OPTION", context: { propertyName: ["hs_tax_rate_group_id"] } }],
      });
    }
    const taxCents = lineItemTaxCents(properties.amount, Number(rate.percentageRate));
    properties.hs_tax_rate = String(Number(rate.percentageRate));
    properties.hs_tax_label = rate.label;
    properties.hs_tax_amount = formatCents(taxCents);
    properties.hs_post_tax_amount = formatCents(Math.round(Number(properties.amount ?? "0") * 100) + taxCents);
  }

  /** Line items inherit name, price and SKU from their product (`hs_product_id`) unless given. */
  private async applyProductDefaults(type: ObjectType, properties: Record<string, string>): Promise<void> {
    if (type !== "line_items" || !properties.hs_product_id) return;
    const product = await findRecord(this.tx, this.actor.accountId, "products", Number(properties.hs_product_id));
    if (!product) throw validation(`Product ${properties.hs_product_id} does not exist.`, { errors: [{ message: "hs_product_id refers to no product", code: "INVALID_OBJECT_ID" }] });
    for (const name of ["name", "price", "hs_sku", "description"]) {
      if (!properties[name] && product.properties[name]) properties[name] = product.properties[name];
    }
  }

  private async assertEmailFree(email: string, exceptId: number | null): Promise<void> {
    // Literals matching the partial unique index `objects_contact_email_uq` (an index lookup, not a scan).
    const [existing] = await this.tx
      .select({ id: objects.id })
      .from(objects)
      .where(
        and(
          eq(objects.accountId, this.actor.accountId),
          sql`${objects.objectType} = 'contacts'`,
          sql`not ${objects.archived}`,
          sql`coalesce(${objects.properties}->>'email', '') <> ''`,
          sql`lower(${objects.properties}->>'email') = lower(${email})`,
          exceptId === null ? sql`true` : sql`${objects.id} <> ${exceptId}`,
        ),
      )
      .limit(1);
    if (existing) throw new HubSpotApiError(409, "CONFLICT", `Contact already exists. Existing ID: ${existing.id}`);
  }

  async update(type: ObjectType, id: number, input: Record<string, unknown>): Promise<ObjectRow> {
    const row = await requireRecord(this.tx, this.actor.accountId, type, id, true);
    const values = await this.normalized(type, input);
    const next = { ...row.properties, ...values };
    if (type === "contacts" && values.email && values.email.toLowerCase() !== (row.properties.email ?? "").toLowerCase()) {
      await this.assertEmailFree(values.email, id);
    }
    if (type === "line_items") {
      await this.assertParentInvoicesEditable(id);
      if (Number(next.price ?? "0") < 0) throw validation("price cannot be negative.");
      next.amount = formatCents(lineItemAmountCents(next));
      await this.applyTaxRate(next);
    }
    if (type === "invoices") {
      const from = (row.properties.hs_invoice_status ?? "draft") as InvoiceStatus;
      const to = (next.hs_invoice_status ?? "draft") as InvoiceStatus;
      if (from !== to) {
        await this.finalizeChecks(id, from, to);
        if (to === "open") {
          next.hs_number ||= await this.nextInvoiceNumber();
          next.hs_finalized_date = this.now.toISOString();
        }
        if (to === "voided") next.hs_voided_date = this.now.toISOString();
      }
    }
    return this.write(row, next);
  }

  private async write(row: ObjectRow, next: Record<string, string>): Promise<ObjectRow> {
    const type = row.objectType as ObjectType;
    // As in HubSpot, emptying a property that has no value is no change.
    const changed = Object.keys(next).filter((k) => (next[k] ?? "") !== (row.properties[k] ?? "") && !BOOKKEEPING.has(k));
    if (!changed.length) return row;
    next[lastModifiedProperty(type)] = this.now.toISOString();
    const [updated] = await this.tx.update(objects).set({ properties: next, updatedAt: this.now }).where(eq(objects.id, row.id)).returning();
    if (!updated) throw notFound();
    for (const name of changed) {
      this.changes.push({ kind: "propertyChange", objectType: type, objectId: row.id, propertyName: name, propertyValue: next[name] ?? "" });
    }
    if (type === "invoices") this.touchedInvoices.add(row.id);
    if (type === "line_items" || type === "commerce_payments") {
      for (const invoiceId of await this.associatedIds(type, row.id, "invoices")) this.touchedInvoices.add(invoiceId);
    }
    return updated;
  }

  private async finalizeChecks(invoiceId: number, from: InvoiceStatus, to: InvoiceStatus): Promise<void> {
    const contactCount = (await this.associatedIds("invoices", invoiceId, "contacts")).length;
    const lineItemCount = (await this.associatedIds("invoices", invoiceId, "line_items")).length;
    try {
      assertStatusChange(from, to, { contactCount, lineItemCount });
    } catch (error) {
      ruleError(error);
    }
  }

  private async nextInvoiceNumber(): Promise<string> {
    const [account] = await this.tx
      .update(accounts)
      .set({ nextInvoiceNumber: sql`${accounts.nextInvoiceNumber} + 1` })
      .where(eq(accounts.id, this.actor.accountId))
      .returning({ next: accounts.nextInvoiceNumber });
    return formatInvoiceNumber((account?.next ?? 1002) - 1);
  }

  private async assertParentInvoicesEditable(lineItemId: number): Promise<void> {
    for (const invoiceId of await this.associatedIds("line_items", lineItemId, "invoices")) {
      const invoice = await findRecord(this.tx, this.actor.accountId, "invoices", invoiceId);
      if (invoice) {
        try {
          assertEditableLines((invoice.properties.hs_invoice_status ?? "draft") as InvoiceStatus);
        } catch (error) {
          ruleError(error);
        }
      }
    }
  }

  async archive(type: ObjectType, id: number): Promise<void> {
    const row = await requireRecord(this.tx, this.actor.accountId, type, id, true);
    if (type === "invoices") {
      try {
        assertDeletable((row.properties.hs_invoice_status ?? "draft") as InvoiceStatus);
      } catch (error) {
        ruleError(error);
      }
    }
    if (type === "line_items") await this.assertParentInvoicesEditable(id);
    const linked = await this.tx
      .select()
      .from(associations)
      .where(and(eq(associations.accountId, this.actor.accountId), eq(associations.fromType, type), eq(associations.fromId, id)));
    for (const link of linked) {
      if (link.toType === "invoices") this.touchedInvoices.add(link.toId);
      await this.unlink(type, id, link.toType as ObjectType, link.toId);
    }
    await this.tx.update(objects).set({ archived: true, archivedAt: this.now, updatedAt: this.now }).where(eq(objects.id, id));
    this.changes.push({ kind: "deletion", objectType: type, objectId: id });
  }

  async associatedIds(fromType: ObjectType, fromId: number, toType: ObjectType): Promise<number[]> {
    const rows = await this.tx
      .select({ toId: associations.toId })
      .from(associations)
      .innerJoin(objects, eq(objects.id, associations.toId))
      .where(
        and(
          eq(associations.accountId, this.actor.accountId),
          eq(associations.fromType, fromType),
          eq(associations.fromId, fromId),
          eq(associations.toType, toType),
          eq(objects.archived, false),
        ),
      );
    return [...new Set(rows.map((r) => r.toId))];
  }

  /** Creates an association (and its inverse); the type id must be one HubSpot defines for the pair. */
  async associate(fromType: ObjectType, fromId: number, toType: ObjectType, toId: number, typeId?: number, category = "HUBSPOT_DEFINED"): Promise<void> {
    const forward = typeId ?? defaultAssociationType(fromType, toType);
    const definition = DEFAULT_ASSOCIATIONS.find((d) => d.from === fromType && d.to === toType && d.typeId === forward);
    if (forward === null || !definition || category !== "HUBSPOT_DEFINED") {
      throw validation(`${category} ${String(forward)} is not a valid association type between ${fromType} and ${toType}`, { subCategory: "crm.associations.INVALID_ASSOCIATION_TYPE" });
    }
    const backward = defaultAssociationType(toType, fromType);
    if (backward === null) throw validation(`No association type from ${toType} to ${fromType}`);
    await requireRecord(this.tx, this.actor.accountId, fromType, fromId, true);
    if (!(await findRecord(this.tx, this.actor.accountId, toType, toId))) throw notFound(`No ${toType} with ID ${toId} exists`);
    const invoiceSide = fromType === "invoices" ? { id: fromId, other: toType } : toType === "invoices" ? { id: toId, other: fromType } : null;
    if (invoiceSide?.other === "line_items") await this.assertInvoiceLinesEditable(invoiceSide.id);
    if (fromType === "line_items" || toType === "line_items") {
      // A line item belongs to one parent; HubSpot copies line items, never shares them.
      const lineItemId = fromType === "line_items" ? fromId : toId;
      const otherType = fromType === "line_items" ? toType : fromType;
      const otherId = fromType === "line_items" ? toId : fromId;
      const parents = await this.associatedIds("line_items", lineItemId, otherType);
      if (otherType === "invoices" && parents.some((p) => p !== otherId)) {
        throw validation(`Line item ${lineItemId} already belongs to another invoice; line items cannot be shared.`);
      }
    }
    const inserted = await this.tx
      .insert(associations)
      .values([
        { accountId: this.actor.accountId, fromType, fromId, toType, toId, typeId: forward, category },
        { accountId: this.actor.accountId, fromType: toType, fromId: toId, toType: fromType, toId: fromId, typeId: backward, category },
      ])
      .onConflictDoNothing()
      .returning();
    if (!inserted.length) return;
    this.changes.push({ kind: "associationChange", objectType: fromType, objectId: fromId, toObjectType: toType, toObjectId: toId, associationTypeId: forward, removed: false });
    this.changes.push({ kind: "associationChange", objectType: toType, objectId: toId, toObjectType: fromType, toObjectId: fromId, associationTypeId: backward, removed: false });
    if (invoiceSide) this.touchedInvoices.add(invoiceSide.id);
  }

  private async assertInvoiceLinesEditable(invoiceId: number): Promise<void> {
    const invoice = await findRecord(this.tx, this.actor.accountId, "invoices", invoiceId);
    if (!invoice) return;
    try {
      assertEditableLines((invoice.properties.hs_invoice_status ?? "draft") as InvoiceStatus);
    } catch (error) {
      ruleError(error);
    }
  }

  /** Removes every association between two records (both directions). */
  async unlink(fromType: ObjectType, fromId: number, toType: ObjectType, toId: number): Promise<void> {
    const removed = await this.tx
      .delete(associations)
      .where(
        and(
          eq(associations.accountId, this.actor.accountId),
          or(
            and(eq(associations.fromType, fromType), eq(associations.fromId, fromId), eq(associations.toType, toType), eq(associations.toId, toId)),
            and(eq(associations.fromType, toType), eq(associations.fromId, toId), eq(associations.toType, fromType), eq(associations.toId, fromId)),
          ),
        ),
      )
      .returning();
    for (const r of removed) {
      this.changes.push({
        kind: "associationChange",
        objectType: r.fromType as ObjectType,
        objectId: r.fromId,
        toObjectType: r.toType as ObjectType,
        toObjectId: r.toId,
        associationTypeId: r.typeId,
        removed: true,
      });
      if (r.fromType === "invoices") this.touchedInvoices.add(r.fromId);
    }
  }

  /** Recomputes amounts of touched invoices; open ⇄ paid follows the balance. */
  private async recomputeInvoices(): Promise<void> {
    const done = new Set<number>();
    while ([...this.touchedInvoices].some((id) => !done.has(id))) {
      const id = [...this.touchedInvoices].find((i) => !done.has(i));
      if (id === undefined) break;
      done.add(id);
      const invoice = await findRecord(this.tx, this.actor.accountId, "invoices", id, { lock: true });
      if (!invoice) continue;
      const lineIds = await this.associatedIds("invoices", id, "line_items");
      const paymentIds = await this.associatedIds("invoices", id, "commerce_payments");
      const fetch = async (type: ObjectType, ids: number[]) =>
        ids.length
          ? this.tx
              .select({ properties: objects.properties })
              .from(objects)
              .where(and(eq(objects.objectType, type), inArray(objects.id, ids), eq(objects.archived, false)))
          : [];
      const totals = invoiceTotals(
        (await fetch("line_items", lineIds)).map((r) => r.properties),
        (await fetch("commerce_payments", paymentIds)).map((r) => r.properties),
      );
      const status = (invoice.properties.hs_invoice_status ?? "draft") as InvoiceStatus;
      await this.write(invoice, {
        ...invoice.properties,
        hs_amount_billed: formatCents(totals.billedCents),
        hs_amount_paid: formatCents(totals.paidCents),
        hs_balance_due: formatCents(totals.balanceCents),
        hs_invoice_status: settledStatus(status, totals),
      });
    }
  }

  /** Settles invoices and queues webhook events for the apps installed in the account. */
  async finish(): Promise<void> {
    await this.recomputeInvoices();
    if (!this.changes.length) return;
    const installed = await this.tx
      .selectDistinct({ id: apps.id, subscriptions: apps.subscriptions, webhookUrl: apps.webhookUrl })
      .from(apps)
      .innerJoin(refreshTokens, eq(refreshTokens.appId, apps.id))
      .where(and(eq(refreshTokens.accountId, this.actor.accountId), isNull(refreshTokens.revokedAt)));
    const [account] = await this.tx.select({ faults: accounts.faults }).from(accounts).where(eq(accounts.id, this.actor.accountId));
    const maxDelay = account?.faults.webhookMaxDelayMs ?? 0;
    const occurredAt = this.now.getTime();
    const rows = installed
      .filter((app) => app.webhookUrl)
      .flatMap((app) => this.changes.flatMap((change) => eventsForChange(app, this.actor.accountId, change, this.actor.source, occurredAt)))
      .map((event) => ({
        appId: event.appId,
        accountId: this.actor.accountId,
        event,
        availableAt: new Date(occurredAt + (maxDelay ? Math.floor(Math.random() * maxDelay) : 0)),
      }));
    for (let i = 0; i < rows.length; i += 500) await this.tx.insert(webhookEvents).values(rows.slice(i, i + 500));
  }
}
