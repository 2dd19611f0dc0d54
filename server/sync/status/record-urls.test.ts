import { describe, expect, it } from "vitest";
import { recordUrl, recordUrlBases } from "./record-urls";

const accounts = { hubspotPortalId: "501", quickbooksRealmId: "9130" };

describe("record pages", () => {
  it("open a payment on both sandboxes: HubSpot's commerce payment, QuickBooks' payment without the invoice of the application", () => {
    const bases = recordUrlBases({ HUBSPOT_BASE_URL: "http://localhost:3000/sandbox/hubspot/api", QUICKBOOKS_BASE_URL: "http://localhost:3000/sandbox/quickbooks" });
    expect(recordUrl(bases, accounts, "payments", "hubspot", "77")).toBe("http://localhost:3000/sandbox/hubspot/501/payments/77");
    expect(recordUrl(bases, accounts, "payments", "quickbooks", "12:40")).toBe("http://localhost:3000/sandbox/quickbooks/companies/9130/payments/12");
    // The other objects keep their pages.
    expect(recordUrl(bases, accounts, "invoices", "quickbooks", "40")).toBe("http://localhost:3000/sandbox/quickbooks/companies/9130/invoices/40");
    expect(recordUrl(bases, accounts, "contacts", "hubspot", "5")).toBe("http://localhost:3000/sandbox/hubspot/501/contacts/5");
  });

  it("open a payment in the real apps", () => {
    const bases = recordUrlBases({ HUBSPOT_BASE_URL: "https://api.hubapi.com", QUICKBOOKS_BASE_URL: "https://quickbooks.api.intuit.com" });
    expect(recordUrl(bases, accounts, "payments", "hubspot", "77")).toBe("https://app.hubspot.com/contacts/501/record/0-101/77");
    expect(recordUrl(bases, accounts, "payments", "quickbooks", "12:40")).toBe("https://app.qbo.intuit.com/app/recvpayment?txnId=12");
  });

  it("have none without an id or a connected account", () => {
    const bases = recordUrlBases({ HUBSPOT_BASE_URL: "http://localhost:3000/sandbox/hubspot/api", QUICKBOOKS_BASE_URL: "http://localhost:3000/sandbox/quickbooks" });
    expect(recordUrl(bases, accounts, "payments", "hubspot", null)).toBeNull();
    expect(recordUrl(bases, { hubspotPortalId: null, quickbooksRealmId: null }, "payments", "quickbooks", "12:40")).toBeNull();
  });
});
