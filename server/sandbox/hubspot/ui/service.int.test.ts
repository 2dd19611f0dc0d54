import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount } from "../store/accounts";
import { startSandbox, type SandboxHarness } from "../testing/harness";
import { contactLabel, createContact, SandboxUiError, updateRecord } from "./service";

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
