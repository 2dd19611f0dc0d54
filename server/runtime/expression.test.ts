import { describe, expect, it } from "vitest";
import { compileKeyExpression, InvalidKeyExpressionError } from "./expression";

describe("key expressions", () => {
  it("concatenates event data paths and string literals", () => {
    const key = compileKeyExpression(`event.data.orgId + ':' + event.data.record.id + "-x"`);
    expect(key.evaluate({ data: { orgId: "org-1", record: { id: 42 } } })).toBe("org-1:42-x");
  });

  it("reads a missing field as empty text", () => {
    expect(compileKeyExpression("event.data.orgId + ':' + event.data.nope").evaluate({ data: { orgId: "o" } })).toBe("o:");
  });

  it("keeps escaped quotes inside literals", () => {
    expect(compileKeyExpression(`'it\\'s' + event.data.a`).evaluate({ data: { a: "!" } })).toBe("it's!");
  });

  it.each([
    ["", "empty expression"],
    ["event.data.a +", 'dangling "+"'],
    ["event.name", "only event.data.<field> paths"],
    ["event.data.a - 1", 'expected "+"'],
    ["event.data.a == 'b'", 'expected "+"'],
    ["'open", "unterminated"],
    ["size(event.data.a)", "only event.data.<field> paths"],
    ["event.data", "only event.data.<field> paths"],
    ["1 + event.data.a", "unexpected"],
  ])("rejects %j", (source, reason) => {
    expect(() => compileKeyExpression(source)).toThrowError(InvalidKeyExpressionError);
    expect(() => compileKeyExpression(source)).toThrowError(reason);
  });
});
