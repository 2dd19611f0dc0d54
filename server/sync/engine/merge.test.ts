import { describe, expect, it } from "vitest";
import { testMapping } from "../mappings/testing";
import { merge, writable, type MergeInput } from "./merge";
import type { Values } from "./values";

const mapping = testMapping;

const mappings = [mapping("firstName"), mapping("lastName"), mapping("phone"), mapping("companyName")];
const base: Values = { firstName: "Ann", lastName: "Lee", phone: "555-0100", companyName: "Lee & Co" };

/** A record synced before: both snapshots hold `base`. */
function input(over: Partial<MergeInput>): MergeInput {
  return {
    side: "quickbooks",
    source: { ...base },
    target: { ...base },
    snapshots: { hubspot: { ...base }, quickbooks: { ...base } },
    mappings,
    direction: "two_way",
    conflictWinner: "quickbooks",
    ...over,
  };
}

describe("merge", () => {
  it("does nothing when the source equals the target (Tandem's own write coming back)", () => {
    const result = merge(input({ source: { ...base, phone: "555-0199" }, target: { ...base, phone: "555-0199" } }));
    expect(result).toEqual({ toTarget: {}, toSource: {}, conflicts: [], outOfStep: [], ownershipViolations: [], heldBack: [] });
  });

  it("copies a field changed on the source side to the target", () => {
    const result = merge(input({ source: { ...base, phone: "555-0199" } }));
    expect(result.toTarget).toEqual({ phone: "555-0199" });
    expect(result.toSource).toEqual({});
    expect(result.conflicts).toEqual([]);
  });

  it("treats an emptied field as a change: the other side is emptied too", () => {
    const result = merge(input({ source: { ...base, phone: null, companyName: null } }));
    expect(result.toTarget).toEqual({ phone: null, companyName: null });
  });

  it("leaves a value out of the comparison when the record's state drops it (a voided invoice's lines)", () => {
    const { lastName: _dropped, ...withoutLastName } = base;
    expect(merge(input({ side: "hubspot", source: { ...withoutLastName, phone: null } })).toTarget).toEqual({ phone: null });
  });

  it("keeps both sides' edits of different fields: each is copied to the other side", () => {
    const result = merge(input({ source: { ...base, phone: "555-0199" }, target: { ...base, lastName: "Lee-Park" } }));
    expect(result.toTarget).toEqual({ phone: "555-0199" });
    expect(result.toSource).toEqual({ lastName: "Lee-Park" });
    expect(result.conflicts).toEqual([]);
  });

  it("settles a field changed on both sides by the object's winner, whichever side is syncing", () => {
    const both = { source: { ...base, phone: "QB" }, target: { ...base, phone: "HS" } };
    const qbWins = merge(input({ ...both, conflictWinner: "quickbooks" }));
    expect(qbWins).toMatchObject({ toTarget: { phone: "QB" }, toSource: {}, conflicts: ["phone"] });
    const hsWins = merge(input({ ...both, conflictWinner: "hubspot" }));
    expect(hsWins).toMatchObject({ toTarget: {}, toSource: { phone: "HS" }, conflicts: ["phone"] });
    // Seen from the HubSpot side the same winner applies.
    const fromHubSpot = merge(input({ side: "hubspot", source: { ...base, phone: "HS" }, target: { ...base, phone: "QB" }, conflictWinner: "quickbooks" }));
    expect(fromHubSpot).toMatchObject({ toTarget: {}, toSource: { phone: "QB" }, conflicts: ["phone"] });
  });

  it("lets a mapping's own winner override the object's", () => {
    const withOverride = [mapping("phone", { conflictWinner: "hubspot" }), mapping("lastName")];
    const result = merge(
      input({ mappings: withOverride, source: { ...base, phone: "QB", lastName: "QB" }, target: { ...base, phone: "HS", lastName: "HS" }, conflictWinner: "quickbooks" }),
    );
    expect(result.toTarget).toEqual({ lastName: "QB" });
    expect(result.toSource).toEqual({ phone: "HS" });
    expect(result.conflicts.sort()).toEqual(["lastName", "phone"]);
  });

  it("on a create writes every filled, writable value and nothing empty", () => {
    const result = merge(input({ target: null, snapshots: { hubspot: null, quickbooks: null }, source: { ...base, phone: null } }));
    expect(result.toTarget).toEqual({ firstName: "Ann", lastName: "Lee", companyName: "Lee & Co" });
    const oneWay = [mapping("firstName"), mapping("phone", { direction: "to_quickbooks" })];
    // Going to HubSpot, a to_quickbooks mapping is left out.
    expect(merge(input({ mappings: oneWay, target: null, snapshots: { hubspot: null, quickbooks: null } })).toTarget).toEqual({ firstName: "Ann" });
  });

  it("on a first link fills gaps from either side, and never empties a filled field", () => {
    const result = merge(
      input({
        snapshots: { hubspot: null, quickbooks: null },
        source: { firstName: "Ann", lastName: "Lee", phone: "555-0100", companyName: null },
        target: { firstName: "Annie", lastName: null, phone: null, companyName: "Lee & Co" },
        conflictWinner: "quickbooks",
      }),
    );
    expect(result.toTarget).toEqual({ firstName: "Ann", lastName: "Lee", phone: "555-0100" });
    expect(result.toSource).toEqual({ companyName: "Lee & Co" });
    expect(result.conflicts).toEqual([]);
  });

  it("leaves fields changed on neither side alone unless forced (a resync re-applies the source)", () => {
    // The sides differ but neither moved since the snapshots (e.g. a one-way difference accepted earlier).
    const diverged = input({ target: { ...base, phone: "old" }, snapshots: { hubspot: { ...base, phone: "old" }, quickbooks: { ...base } } });
    expect(merge(diverged).toTarget).toEqual({});
    expect(merge({ ...diverged, force: true }).toTarget).toEqual({ phone: "555-0100" });
  });

  it("holds a receiving-side edit of a one-way sync out of step until a resync re-applies the sending side", () => {
    // QuickBooks → HubSpot; the HubSpot phone changed since the last sync (its snapshot still holds the synced value).
    const edited = input({ direction: "to_hubspot", target: { ...base, phone: "HS edit" } });
    expect(merge(edited)).toMatchObject({ toTarget: {}, toSource: {}, outOfStep: ["phone"], heldBack: ["phone"] });
    expect(merge({ ...edited, force: true })).toMatchObject({ toTarget: { phone: "555-0100" }, toSource: {}, outOfStep: [] });
  });

  it("treats a field without a snapshot on either side (a mapping just added) like a first link", () => {
    const withNotes = [...mappings, mapping("notes")];
    const filled = merge(input({ mappings: withNotes, source: { ...base, notes: "VIP" }, target: { ...base, notes: null } }));
    expect(filled.toTarget).toEqual({ notes: "VIP" });
    const gap = merge(input({ mappings: withNotes, source: { ...base, notes: null }, target: { ...base, notes: "VIP" } }));
    expect(gap).toMatchObject({ toTarget: {}, toSource: { notes: "VIP" } });
  });

  describe("in a one-way sync", () => {
    it("copies the sending side's change and marks the receiving side's own edit out of step", () => {
      const sent = merge(input({ direction: "to_hubspot", source: { ...base, phone: "555-0199" } }));
      expect(sent).toMatchObject({ toTarget: { phone: "555-0199" }, outOfStep: [] });

      const edited = merge(input({ direction: "to_hubspot", side: "hubspot", source: { ...base, phone: "HS edit" } }));
      expect(edited).toMatchObject({ toTarget: {}, toSource: {}, outOfStep: ["phone"] });
    });

    it("lets the sending side stand when both changed, even if the receiving side is the winner", () => {
      const result = merge(
        input({ direction: "to_hubspot", side: "hubspot", source: { ...base, phone: "HS" }, target: { ...base, phone: "QB" }, conflictWinner: "hubspot" }),
      );
      expect(result).toMatchObject({ toTarget: {}, toSource: { phone: "QB" }, outOfStep: [] });
    });

    it("applies a mapping's own direction inside a two-way object", () => {
      const oneWayPhone = [mapping("phone", { direction: "to_hubspot" })];
      const result = merge(input({ mappings: oneWayPhone, side: "hubspot", source: { ...base, phone: "HS edit" } }));
      expect(result).toMatchObject({ toTarget: {}, toSource: {}, outOfStep: ["phone"] });
      expect(writable("quickbooks", "two_way", oneWayPhone[0]!)).toBe(false);
      expect(writable("hubspot", "two_way", oneWayPhone[0]!)).toBe(true);
      expect(writable("hubspot", "to_quickbooks", mapping("x"))).toBe(false);
    });
  });

  it("refuses a change to a field owned by the other side, and copies the owner's changes", () => {
    const ownedBy = { side: "hubspot" as const, keys: ["phone"] };
    const violated = merge(input({ side: "quickbooks", source: { ...base, phone: "QB edit", lastName: "Lee-Park" }, ownedBy }));
    expect(violated).toMatchObject({ ownershipViolations: ["phone"], toTarget: { lastName: "Lee-Park" } });
    const byOwner = merge(input({ side: "hubspot", source: { ...base, phone: "HS edit" }, ownedBy }));
    expect(byOwner).toMatchObject({ ownershipViolations: [], toTarget: { phone: "HS edit" } });
  });

  it("re-applies an owned field that differs without a change on either side from its owner, whichever side the resync read", () => {
    const ownedBy = { side: "hubspot" as const, keys: ["phone"] };
    // The sides differ as synced (a mapping part switched on since): the snapshots each hold their side's value.
    const apart = { side: "quickbooks" as const, source: { ...base, phone: "QB" }, target: { ...base, phone: "HS" }, snapshots: { hubspot: { ...base, phone: "HS" }, quickbooks: { ...base, phone: "QB" } }, ownedBy };
    expect(merge(input(apart))).toMatchObject({ toTarget: {}, toSource: {}, ownershipViolations: [] });
    expect(merge(input({ ...apart, force: true }))).toMatchObject({ toTarget: {}, toSource: { phone: "HS" }, ownershipViolations: [] });
  });

  it("never writes a derived field, on a create or a change, but refuses its change on the side that doesn't own it", () => {
    const derived = ["companyName"];
    const ownedBy = { side: "hubspot" as const, keys: ["companyName"] };
    expect(merge(input({ target: null, derived })).toTarget).toEqual({ firstName: "Ann", lastName: "Lee", phone: "555-0100" });
    const byOwner = merge(input({ side: "hubspot", source: { ...base, companyName: "Computed anew", phone: "HS edit" }, ownedBy, derived }));
    expect(byOwner).toMatchObject({ ownershipViolations: [], toTarget: { phone: "HS edit" }, toSource: {} });
    expect(byOwner.toTarget).not.toHaveProperty("companyName");
    const violated = merge(input({ side: "quickbooks", source: { ...base, companyName: "Discounted" }, ownedBy, derived }));
    expect(violated).toMatchObject({ ownershipViolations: ["companyName"], toTarget: {}, toSource: {}, heldBack: ["companyName"] });
  });
});
