import { ProviderError } from "../provider-error";
import { providerLimiters } from "../provider-limiters";
import type { LimiterFactory, RateLimiter } from "../rate-limiter";
import { authorizedRequest } from "../authorized-request";
import type { FetchLike, RetryPolicy } from "../retrying-fetch";
import type { TokenSource } from "../token-source";
import type { QboCompanyInfo, QboPreferences } from "./preferences";
import type { QboDeleted, QboEntityBase, QboEntityName, QboFault } from "./types";

export interface QuickBooksClientOptions {
  /** `.../v3/company/` (see endpoints.ts). */
  apiBaseUrl: string;
  realmId: string;
  /** Keys the per-company limiters, so every client of one connection shares them. */
  connectionId: string;
  tokens: TokenSource;
  fetch?: FetchLike;
  retryPolicy?: RetryPolicy;
  /** Where the company's limiter comes from; by default shared by every process (provider-limiters.ts). */
  limiterFactory?: LimiterFactory;
}

const MINOR_VERSION = "75";
const PAGE_SIZE = 1000;
const CDC_MAX_OBJECTS = 1000;
/** Items per `/batch` request. */
export const BATCH_MAX_ITEMS = 30;

/** QBO allows 500 requests a minute (each batch item counts as one) and 10 at once per company and app. */
const REQUESTS_PER_MINUTE = 500;

/** The records a company takes in about ten seconds of its request rate: one page step's worth. */
export const QUICKBOOKS_WRITES_PER_STEP = Math.round((REQUESTS_PER_MINUTE / 60) * 10);

function companyLimiter(limiter: LimiterFactory, connectionId: string): RateLimiter {
  return limiter(`quickbooks:${connectionId}`, { limit: REQUESTS_PER_MINUTE, intervalMs: 60_000, concurrency: 10 });
}

function parseFault(body: unknown): { code?: string; message: string } {
  const record = body as { Fault?: QboFault; fault?: { error?: Array<{ code?: string; message?: string; detail?: string }> } };
  const error = record?.Fault?.Error?.[0];
  if (error) return { code: error.code, message: [error.Message, error.Detail].filter(Boolean).join(": ") };
  const lower = record?.fault?.error?.[0];
  if (lower) return { code: lower.code, message: lower.detail ?? lower.message ?? "QuickBooks refused the request" };
  return { message: "QuickBooks answered with an error" };
}

export class QuickBooksClient {
  private readonly fetch: FetchLike;
  private readonly limiters: RateLimiter[];

  constructor(private readonly options: QuickBooksClientOptions) {
    this.fetch = options.fetch ?? fetch;
    this.limiters = [companyLimiter(options.limiterFactory ?? providerLimiters, options.connectionId)];
  }

  private url(path: string, params: Record<string, string> = {}): string {
    const url = new URL(`${this.options.apiBaseUrl}${this.options.realmId}/${path}`);
    url.searchParams.set("minorversion", MINOR_VERSION);
    for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
    return url.toString();
  }

  /** `weight`: the calls the request counts as against the limit (a batch counts each item). */
  private async request<T>(method: "GET" | "POST", url: string, body?: unknown, weight?: number): Promise<T> {
    const transport = { tokens: this.options.tokens, fetch: this.fetch, limiters: this.limiters, retryPolicy: this.options.retryPolicy };
    const answer = await authorizedRequest(transport, method, url, body, weight);
    // A Fault can also come with a 200 (batch items, some validation answers).
    if (!answer.ok || (answer.body as { Fault?: QboFault })?.Fault) {
      const fault = parseFault(answer.body);
      throw new ProviderError("quickbooks", answer.ok ? 400 : answer.status, fault.message, fault.code, answer.body);
    }
    return answer.body as T;
  }

  async get<T extends QboEntityBase>(entity: QboEntityName, id: string): Promise<T> {
    const body = await this.request<Record<string, T>>("GET", this.url(`${entity.toLowerCase()}/${encodeURIComponent(id)}`));
    return body[entity] as T;
  }

  /** Creates a record; `requestId` makes a repeated create return the first result. */
  async create<T extends QboEntityBase>(entity: QboEntityName, record: Record<string, unknown>, requestId: string): Promise<T> {
    const body = await this.request<Record<string, T>>("POST", this.url(entity.toLowerCase(), { requestid: requestId }), record);
    return body[entity] as T;
  }

  /** A sparse update: only the given fields change. Needs the record's current SyncToken. */
  async update<T extends QboEntityBase>(
    entity: QboEntityName,
    record: { Id: string; SyncToken: string } & Record<string, unknown>,
    requestId: string,
  ): Promise<T> {
    const body = await this.request<Record<string, T>>("POST", this.url(entity.toLowerCase(), { requestid: requestId }), {
      ...record,
      sparse: true,
    });
    return body[entity] as T;
  }

  /**
   * Up to 30 creates or updates in one request (`/batch`). QuickBooks keeps a `requestid` per
   * request, not per item: a repeated one answers the first batch's answers without running it
   * again. Every bId maps to its record or to its own Fault.
   */
  async batch<T extends QboEntityBase>(
    items: Array<{ bId: string; operation: "create" | "update"; entity: QboEntityName; record: Record<string, unknown> }>,
    requestId: string,
  ): Promise<Map<string, T | ProviderError>> {
    if (items.length > BATCH_MAX_ITEMS) throw new Error(`A QuickBooks batch takes at most ${BATCH_MAX_ITEMS} items, not ${items.length}`);
    const body = await this.request<{ BatchItemResponse?: Array<Record<string, unknown> & { bId?: string; Fault?: QboFault }> }>(
      "POST",
      this.url("batch", { requestid: requestId }),
      { BatchItemRequest: items.map((item) => ({ bId: item.bId, operation: item.operation, [item.entity]: item.record })) },
      items.length,
    );
    const answers = new Map<string, T | ProviderError>();
    for (const answer of body.BatchItemResponse ?? []) {
      const item = items.find((i) => i.bId === answer.bId);
      if (!item) continue;
      if (answer.Fault) {
        const fault = parseFault(answer);
        answers.set(item.bId, new ProviderError("quickbooks", 400, fault.message, fault.code, answer));
      } else {
        answers.set(item.bId, answer[item.entity] as T);
      }
    }
    for (const item of items) if (!answers.has(item.bId)) answers.set(item.bId, new ProviderError("quickbooks", 500, "QuickBooks answered nothing for this batch item", undefined, body));
    return answers;
  }

  /** One page of the records of an entity (those matching `where`, if given), in id order (positions are 1-based). */
  async queryPage<T>(entity: QboEntityName, start: number, size: number, where = ""): Promise<T[]> {
    const query = `select * from ${entity}${where ? ` where ${where}` : ""} orderby Id startposition ${start} maxresults ${Math.min(size, PAGE_SIZE)}`;
    const body = await this.request<{ QueryResponse: Record<string, T[] | undefined> }>("GET", this.url("query", { query }));
    return body.QueryResponse[entity] ?? [];
  }

  /** The company's settings (sales-form custom fields, closed books, revenue recognition…). */
  async preferences(): Promise<QboPreferences> {
    const body = await this.request<{ Preferences: QboPreferences }>("GET", this.url("preferences"));
    return body.Preferences;
  }

  /** The company (realm) this client reads and writes. */
  get realmId(): string {
    return this.options.realmId;
  }

  /** The company's CompanyInfo (`GET /companyinfo/{realmId}`): its name and country, among others. */
  async companyInfo(): Promise<QboCompanyInfo> {
    const body = await this.request<{ CompanyInfo: QboCompanyInfo }>("GET", this.url(`companyinfo/${encodeURIComponent(this.options.realmId)}`));
    return body.CompanyInfo;
  }

  /** Voids a transaction (it keeps its number; amounts become 0). */
  async void<T extends QboEntityBase>(entity: QboEntityName, record: { Id: string; SyncToken: string }, requestId: string): Promise<T> {
    const body = await this.request<Record<string, T>>("POST", this.url(entity.toLowerCase(), { operation: "void", requestid: requestId }), record);
    return body[entity] as T;
  }

  /** Runs a query (`select * from Customer where … orderby …`), reading every page. */
  async queryAll<T>(entity: QboEntityName, where = "", orderBy = ""): Promise<T[]> {
    const rows: T[] = [];
    for (let start = 1; ; start += PAGE_SIZE) {
      const query = `select * from ${entity}${where ? ` where ${where}` : ""}${orderBy ? ` orderby ${orderBy}` : ""} startposition ${start} maxresults ${PAGE_SIZE}`;
      const body = await this.request<{ QueryResponse: Record<string, T[] | undefined> }>("GET", this.url("query", { query }));
      const page = body.QueryResponse[entity] ?? [];
      rows.push(...page);
      if (page.length < PAGE_SIZE) return rows;
    }
  }

  /**
   * Change Data Capture: the records of these entities changed since `since` (≤ 30 days back).
   * QuickBooks answers with at most 1000 objects; at that size the answer may be cut short, and
   * `capped` says so (read the rest with queries).
   */
  async changedSince(
    entities: QboEntityName[],
    since: Date,
  ): Promise<{ changes: Record<string, Array<QboEntityBase | QboDeleted>>; capped: boolean }> {
    const body = await this.request<{
      CDCResponse: Array<{ QueryResponse: Array<Record<string, unknown>> }>;
    }>("GET", this.url("cdc", { entities: entities.join(","), changedSince: since.toISOString() }));
    const changes: Record<string, Array<QboEntityBase | QboDeleted>> = {};
    for (const response of body.CDCResponse ?? []) {
      for (const group of response.QueryResponse ?? []) {
        for (const entity of entities) {
          const records = group[entity];
          if (Array.isArray(records)) (changes[entity] ??= []).push(...(records as Array<QboEntityBase | QboDeleted>));
        }
      }
    }
    const total = Object.values(changes).reduce((sum, records) => sum + records.length, 0);
    return { changes, capped: total >= CDC_MAX_OBJECTS };
  }
}
