import { describe, expect, it } from "vitest";
import { displayNameFor, qboQuote, withSuffix } from "./display-name";

const contact = { email: "ann@acme.test", firstName: "Ann", lastName: "Lee", companyName: "Acme", phone: null };

describe("displayNameFor", () => {
  it("uses the company for its first contact, then the person's name", () => {
    expect(displayNameFor(contact, false)).toBe("Acme");
    expect(displayNameFor(contact, true)).toBe("Ann Lee");
  });

  it("falls back to the person, then the email", () => {
    expect(displayNameFor({ ...contact, companyName: null }, false)).toBe("Ann Lee");
    expect(displayNameFor({ ...contact, companyName: null, firstName: null, lastName: null }, false)).toBe("ann@acme.test");
  });
});

describe("withSuffix", () => {
  it("numbers later attempts", () => {
    expect(withSuffix("Acme", 1)).toBe("Acme");
    expect(withSuffix("Acme", 3)).toBe("Acme (3)");
  });
});

describe("qboQuote", () => {
  it("escapes quotes and backslashes", () => {
    expect(qboQuote("O'Brien \\ Co")).toBe("'O\\'Brien \\\\ Co'");
  });
});
