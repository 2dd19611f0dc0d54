import { describe, expect, it } from "vitest";
import { InvalidCronError, parseCron } from "./cron";

const at = (iso: string) => new Date(iso);

describe("cron schedules", () => {
  it("finds the latest slot at or before a time", () => {
    expect(parseCron("*/5 * * * *").previousSlot(at("2030-03-04T10:17:42Z"))).toEqual(at("2030-03-04T10:15:00Z"));
    expect(parseCron("*/5 * * * *").previousSlot(at("2030-03-04T10:15:00Z"))).toEqual(at("2030-03-04T10:15:00Z"));
    expect(parseCron("30 9 * * *").previousSlot(at("2030-03-04T09:29:00Z"))).toEqual(at("2030-03-03T09:30:00Z"));
    expect(parseCron("0 0 1 1 *").previousSlot(at("2030-06-01T00:00:00Z"))).toEqual(at("2030-01-01T00:00:00Z"));
  });

  it("handles ranges, lists, steps and Sunday as 0 or 7", () => {
    expect(parseCron("0 9-17/4 * * 1,3").previousSlot(at("2030-01-04T12:00:00Z"))).toEqual(at("2030-01-02T17:00:00Z"));
    expect(parseCron("0 12 * * 7").previousSlot(at("2030-01-08T00:00:00Z"))).toEqual(at("2030-01-06T12:00:00Z"));
  });

  it("matches either day field when both are restricted", () => {
    // The 15th, or any Monday: 2030-01-14 is a Monday.
    expect(parseCron("0 0 15 * 1").previousSlot(at("2030-01-14T12:00:00Z"))).toEqual(at("2030-01-14T00:00:00Z"));
  });

  it.each(["* * * *", "60 * * * *", "*/0 * * * *", "5-1 * * * *", "a * * * *", "TZ=Europe/Paris * * * * *"])("rejects %j", (source) => {
    expect(() => parseCron(source)).toThrowError(InvalidCronError);
  });
});
