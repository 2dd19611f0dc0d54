import { describe, expect, it } from "vitest";
import { changedFields, hashFields } from "./hash";

describe("hashFields", () => {
  it("ignores key order and treats undefined as null", () => {
    expect(hashFields({ a: 1, b: "x", c: undefined })).toBe(hashFields({ c: null, b: "x", a: 1 }));
  });

  it("changes when any value changes", () => {
    expect(hashFields({ email: "a@b.c", phone: null })).not.toBe(hashFields({ email: "a@b.c", phone: "1" }));
  });
});

describe("changedFields", () => {
  it("lists the fields that differ", () => {
    expect(changedFields({ a: 1, b: 2, c: null }, { a: 1, b: 3, c: "x" })).toEqual(["b", "c"]);
    expect(changedFields(null, { a: 1 })).toEqual(["a"]);
  });
});
