import { z } from "zod";

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Give a date as YYYY-MM-DD.")
  .refine((value) => !Number.isNaN(Date.parse(value)) && new Date(value).toISOString().startsWith(value), "Not a date.");

export const backfillObject = z.enum(["invoices"]);
const storedObject = z.enum(["contacts", "products", "invoices", "payments"]);
export const backfillDirection = z.enum(["to_hubspot", "to_quickbooks"]);

/** The invoice dates covered, both ends included. */
export const dateRange = z
  .object({ from: day, to: day })
  .refine((range) => range.from <= range.to, { message: "The range ends before it starts.", path: ["to"] });

const counts = z.object({ read: z.number(), created: z.number(), linked: z.number(), updated: z.number(), unchanged: z.number(), excluded: z.number(), failed: z.number() });
const expected = z.object({ create: z.number(), link: z.number(), unchanged: z.number(), exclude: z.number(), fail: z.number() });

export const backfillView = z.object({
  id: z.uuid(),
  object: storedObject,
  direction: backfillDirection,
  range: z.object({ from: z.string(), to: z.string() }),
  state: z.enum(["running", "cancelling", "cancelled", "finished", "failed"]),
  expected: expected.nullable(),
  done: counts,
  perMinute: z.number().nullable(),
  resumes: z.number(),
  lastResumedAt: z.date().nullable(),
  error: z.string().nullable(),
  startedAt: z.date(),
  finishedAt: z.date().nullable(),
});
