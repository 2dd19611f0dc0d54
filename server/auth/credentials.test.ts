import { describe, expect, it } from "vitest";
import { z } from "zod";
import { signUpInput } from "./credentials";

const valid = { name: "Ada Lovelace", company: "Analytical Engines", email: "ada@example.test", password: "long enough password" };

describe("sign-up input", () => {
  it("accepts ordinary names", () => {
    expect(signUpInput.safeParse(valid).success).toBe(true);
  });

  it.each(["Ada\u0000", "Ada\nLovelace", "\u007fAda"])("refuses a control character in the name or company (%j) as a field error", (value) => {
    for (const field of ["name", "company"] as const) {
      const parsed = signUpInput.safeParse({ ...valid, [field]: value });
      expect(parsed.success).toBe(false);
      expect(z.flattenError(parsed.error!).fieldErrors).toEqual({ [field]: ["Use letters, digits and punctuation only"] });
    }
  });
});
