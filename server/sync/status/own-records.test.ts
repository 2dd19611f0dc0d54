import { describe, expect, it } from "vitest";
import { OWN_RECORD_CHILD_OBJECTS } from "../../db/schema";
import { syncedObjects } from "../objects/registry";
import { isOwnRecord } from "./own-records";

describe("records of their own", () => {
  it("are, among the objects with a parent, exactly those the stored own_record column names", () => {
    expect(syncedObjects().filter((spec) => spec.parent).map((spec) => spec.object)).toEqual([...OWN_RECORD_CHILD_OBJECTS]);
  });

  it("are top-level links and payments, not an invoice's lines", () => {
    expect(isOwnRecord({ parentLinkId: null, object: "invoices" })).toBe(true);
    expect(isOwnRecord({ parentLinkId: "9b2f7a4e-0000-4000-8000-000000000001", object: "payments" })).toBe(true);
    expect(isOwnRecord({ parentLinkId: "9b2f7a4e-0000-4000-8000-000000000001", object: "invoices" })).toBe(false);
  });
});
