/** Timestamps the way QBO writes them: wall-clock time in the company's fixed UTC offset. */

export function parseOffsetMinutes(offset: string): number {
  const match = /^([+-])(\d{2}):(\d{2})$/.exec(offset);
  if (!match) throw new Error(`Invalid UTC offset: ${offset}`);
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === "-" ? -minutes : minutes;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

function shifted(instant: Date, offset: string): Date {
  return new Date(instant.getTime() + parseOffsetMinutes(offset) * 60_000);
}

/** `2024-05-29T23:22:07-07:00` (MetaData timestamps carry no fraction). */
export function formatTimestamp(instant: Date, offset: string): string {
  const d = shifted(instant, offset);
  return `${formatDate(instant, offset)}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}${offset}`;
}

/** `2024-05-29T23:22:07.123-07:00`, the envelope's `time`. */
export function formatResponseTime(instant: Date, offset: string): string {
  return formatTimestamp(instant, offset).replace(offset, `.${pad(shifted(instant, offset).getUTCMilliseconds(), 3)}${offset}`);
}

/** The company-local calendar date, `YYYY-MM-DD`. */
export function formatDate(instant: Date, offset: string): string {
  const d = shifted(instant, offset);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** The legacy webhook's `lastUpdated`: `2015-10-05T14:42:19-0700`. */
export function formatWebhookTimestamp(instant: Date, offset: string): string {
  return formatTimestamp(instant, offset).replace(/([+-]\d{2}):(\d{2})$/, "$1$2");
}

export function isIsoDate(value: unknown): value is string {
  return typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value));
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
