import { describe, expect, it } from "vitest";
import { OWN_RECORD_CHILD_OBJECTS } from "../../db/schema";
import { syncedObjects } from "../objects/registry";

describe("records of their own", () => {
  it("are, among the objects with a parent, exactly those the stored own_record column names", () => {
    expect(syncedObjects().filter((spec) => spec.parent).map((spec) => spec.object)).toEqual([...OWN_RECORD_CHILD_OBJECTS]);
  });
});
