import { describe, expect, it } from "vitest";
import { testMapping } from "../mappings/testing";
import { nothingNew, SEEN_KEY, unchangedSince, valuesAfterWrite } from "./apply";
import { canonicalLine, encodeLines, linesRule } from "./lines";
import type { SideRecord, Values } from "./values";

const mapping = (key: string, hubspotProperty: string) => testMapping(key, { hubspotProperty });

const mappings = [mapping("phone", "phone"), mapping("renewal", "renewal_date"), mapping("company", "company")];
const answered = (fields: Record<string, string>): SideRecord => ({ id: "1", fields, active: true });

describe("valuesAfterWrite (the snapshot a write leaves, which the write's echo is compared with)", () => {
  it("takes what the provider answered for a written field, not what Tandem sent", () => {
    const before: Values = { phone: "555-0100", renewal: null, company: "Lee & Co" };
    const written: Values = { phone: "555-0142", renewal: "2026-03-01" };
    // HubSpot stores a date written to a datetime property as an instant.
    const response = answered({ phone: "555-0142", renewal_date: "2026-03-01T00:00:00.000Z", company: "Lee & Co" });
    const after = valuesAfterWrite(before, written, response, mappings, "hubspot");
    expect(after.renewal).toBe("2026-03-01T00:00:00.000Z");
    expect(after.phone).toBe("555-0142");
  });

  it("keeps a field not written as it was read before the write, so an edit made meanwhile still looks like a change", () => {
    const before: Values = { phone: "555-0100", renewal: null, company: "Lee & Co" };
    const response = answered({ phone: "555-0142", company: "Someone Else's Edit" });
    const after = valuesAfterWrite(before, { phone: "555-0142" }, response, mappings, "hubspot");
    expect(after.company).toBe("Lee & Co");
  });

  it("takes what was written when the answer leaves the field out, and the answer whole for a new record", () => {
    const written: Values = { phone: "555-0142", company: "Orr" };
    expect(valuesAfterWrite({ phone: null, renewal: null, company: null }, written, answered({}), mappings, "hubspot")).toEqual({ phone: "555-0142", renewal: null, company: "Orr" });
    expect(valuesAfterWrite(null, written, answered({ phone: "555-0142", company: "Orr Ltd" }), mappings, "hubspot")).toEqual({ phone: "555-0142", renewal: null, company: "Orr Ltd" });
  });
});

describe("unchangedSince / nothingNew (is a notified record an echo of what was synced?)", () => {
  const lines = (description: string) => encodeLines([canonicalLine({ sku: "A", description, quantity: 2, unitPrice: 5 })]);
  const snapshot = { memo: "Hi", lines: lines("Tea"), [SEEN_KEY]: "4" };
  const record: SideRecord = { id: "9", fields: {}, active: true, version: "5" };

  it("compares a field as the merge does: with line descriptions switched off, a description edit is nothing new, while any other edit is", () => {
    const descriptionsOff = { lines: linesRule({ description: false, quantity: true })! };
    expect(unchangedSince({ memo: "Hi", lines: lines("Green tea") }, snapshot, descriptionsOff)).toBe(true);
    expect(nothingNew({ memo: "Hi", lines: lines("Green tea") }, snapshot, record, descriptionsOff)).toBe(true);
    expect(unchangedSince({ memo: "Hello", lines: lines("Green tea") }, snapshot, descriptionsOff)).toBe(false);
    // With descriptions on, the same edit is a change.
    expect(unchangedSince({ memo: "Hi", lines: lines("Green tea") }, snapshot, {})).toBe(false);
  });
});
