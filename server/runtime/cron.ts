/**
 * Standard five-field cron expressions (minute hour day-of-month month day-of-week, UTC) as
 * Inngest accepts them: numbers, `*`, ranges `a-b`, steps `/n` and lists `a,b`. The embedded
 * executor uses this to compute slot times; the Inngest executor passes the string through.
 */

export class InvalidCronError extends Error {
  constructor(expression: string, reason: string) {
    super(`Invalid cron expression ${JSON.stringify(expression)}: ${reason}`);
    this.name = "InvalidCronError";
  }
}

export interface CronSchedule {
  source: string;
  /** The latest slot at or before `at` (searching back at most about a year), or null. */
  previousSlot(at: Date): Date | null;
}

const FIELDS = [
  { name: "minute", min: 0, max: 59 },
  { name: "hour", min: 0, max: 23 },
  { name: "day of month", min: 1, max: 31 },
  { name: "month", min: 1, max: 12 },
  { name: "day of week", min: 0, max: 7 },
] as const;

function parseField(expression: string, text: string, field: (typeof FIELDS)[number]): Set<number> {
  const values = new Set<number>();
  const number = (s: string) => {
    if (!/^\d+$/.test(s)) throw new InvalidCronError(expression, `"${s}" is not a number in the ${field.name} field`);
    const n = Number(s);
    if (n < field.min || n > field.max) {
      throw new InvalidCronError(expression, `${n} is outside ${field.min}-${field.max} in the ${field.name} field`);
    }
    return n;
  };
  for (const part of text.split(",")) {
    const [range = "", stepText] = part.split("/");
    const step = stepText === undefined ? 1 : number(stepText);
    if (step === 0) throw new InvalidCronError(expression, `step 0 in the ${field.name} field`);
    let from: number = field.min;
    let to: number = field.max;
    if (range !== "*") {
      const [a = "", b] = range.split("-");
      from = number(a);
      to = b === undefined ? (stepText === undefined ? from : field.max) : number(b);
      if (from > to) throw new InvalidCronError(expression, `range ${range} is backwards in the ${field.name} field`);
    }
    for (let v = from; v <= to; v += step) values.add(v);
  }
  return values;
}

export function parseCron(expression: string): CronSchedule {
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== FIELDS.length) throw new InvalidCronError(expression, "expected five fields (minute hour day month weekday)");
  const [minutes, hours, days, months, weekdays] = FIELDS.map((f, i) => parseField(expression, parts[i] ?? "", f)) as [
    Set<number>,
    Set<number>,
    Set<number>,
    Set<number>,
    Set<number>,
  ];
  if (weekdays.has(7)) weekdays.add(0);
  const dayRestricted = parts[2] !== "*";
  const weekdayRestricted = parts[4] !== "*";

  const dayMatches = (d: Date) => {
    const dom = days.has(d.getUTCDate());
    const dow = weekdays.has(d.getUTCDay());
    // Classic cron: when both day fields are restricted, either may match.
    if (dayRestricted && weekdayRestricted) return dom || dow;
    return dom && dow;
  };

  return {
    source: expression,
    previousSlot(at) {
      const cursor = new Date(at);
      cursor.setUTCSeconds(0, 0);
      const limit = at.getTime() - 366 * 24 * 3600_000;
      while (cursor.getTime() >= limit) {
        if (!months.has(cursor.getUTCMonth() + 1) || !dayMatches(cursor)) {
          // Jump to the last minute of the previous day.
          cursor.setUTCHours(0, 0, 0, 0);
          cursor.setTime(cursor.getTime() - 60_000);
          continue;
        }
        if (!hours.has(cursor.getUTCHours())) {
          cursor.setUTCMinutes(0);
          cursor.setTime(cursor.getTime() - 60_000);
          continue;
        }
        if (minutes.has(cursor.getUTCMinutes())) return new Date(cursor);
        cursor.setTime(cursor.getTime() - 60_000);
      }
      return null;
    },
  };
}
