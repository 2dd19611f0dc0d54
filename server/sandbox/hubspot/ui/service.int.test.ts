import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount } from "../store/accounts";
import { installTestApp, startSandbox, type SandboxHarness } from "../testing/harness";
import { contactLabel, createContact, editableFields, SandboxUiError, updateRecord } from "./service";

/** The sandbox UI's contact forms follow HubSpot: an email is optional, a malformed one refused. */
let h: SandboxHarness;
let accountId: number;

beforeAll(async () => {
  h = await startSandbox();
  accountId = (await createAccount({ name: "UI portal", userEmail: "ui@example.com" })).account.id;
});
afterAll(async () => h?.close());

describe("contacts in the sandbox UI", () => {
  it("creates a contact with a name and no email, and clears an email later", async () => {
    const contact = await createContact(accountId, { email: "", firstname: "Nora", lastname: "Noemail", company: "" });
    expect(contact.properties.email ?? "").toBe("");
    expect(contactLabel(contact)).toBe("Nora Noemail");

    const withEmail = await createContact(accountId, { email: "cleared@example.com", firstname: "", lastname: "", company: "" });
    const cleared = await updateRecord(accountId, "contacts", withEmail.id, { email: "" });
    expect(cleared.properties.email ?? "").toBe("");
    expect(contactLabel(cleared)).toBe(`Contact ${withEmail.id}`);
  });

  it("refuses a contact with nothing to name it by, and a malformed email with HubSpot's message", async () => {
    await expect(createContact(accountId, { email: " ", firstname: "", lastname: "", company: "Acme" })).rejects.toThrow(SandboxUiError);
    await expect(createContact(accountId, { email: "not-an-email", firstname: "Bad", lastname: "", company: "" })).rejects.toThrow(/INVALID_EMAIL/);
  });
});

describe("the account's own properties in the sandbox UI's edit forms", () => {
  it("offers the account's text, number and date properties after the built-in fields and saves them; an empty one left empty is no change", async () => {
    const app = await installTestApp(h);
    await app.client.crm.properties.coreApi.create("contacts", { name: "loyalty_tier", label: "Loyalty tier", type: "string" as never, fieldType: "text" as never, groupName: "contactinformation" });
    await app.client.crm.properties.coreApi.create("contacts", { name: "renewal_on", label: "Renewal", type: "date" as never, fieldType: "date" as never, groupName: "contactinformation" });
    const fields = await editableFields(app.accountId, "contacts");
    expect(fields.map((f) => f.name)).toEqual(["email", "firstname", "lastname", "company", "phone", "loyalty_tier", "renewal_on"]);
    expect(fields.slice(-2)).toEqual([
      { name: "loyalty_tier", label: "Loyalty tier" },
      { name: "renewal_on", label: "Renewal", input: "date" },
    ]);

    const contact = await createContact(app.accountId, { email: "tier@example.com", firstname: "Tia", lastname: "Tier", company: "" });
    const untouched = await updateRecord(app.accountId, "contacts", contact.id, { firstname: "Tia", loyalty_tier: "", renewal_on: "" });
    expect(untouched.properties.lastmodifieddate).toBe(contact.properties.lastmodifieddate);
    const saved = await updateRecord(app.accountId, "contacts", contact.id, { loyalty_tier: " Gold ", renewal_on: "2027-01-31" });
    expect(saved.properties).toMatchObject({ loyalty_tier: "Gold", renewal_on: "2027-01-31" });
    expect(saved.properties.lastmodifieddate).not.toBe(contact.properties.lastmodifieddate);
  });
});
