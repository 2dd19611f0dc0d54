import { ProviderError } from "../provider-error";
import { providerLimiters } from "../provider-limiters";
import type { LimiterFactory, RateLimiter } from "../rate-limiter";
import { authorizedRequest } from "../authorized-request";
import type { FetchLike, RetryPolicy } from "../retrying-fetch";
import type { TokenSource } from "../token-source";
import type { HubSpotProperty } from "./properties";
import type { HubSpotAssociationInput, HubSpotErrorBody, HubSpotObject, HubSpotObjectType, HubSpotPropertyDefinition, HubSpotSearch, HubSpotTaxRateBody } from "./types";

export interface HubSpotClientOptions {
  /** `https://api.hubapi.com` or the sandbox's `/sandbox/hubspot/api`. */
  baseUrl: string;
  connectionId: string;
  tokens: TokenSource;
  fetch?: FetchLike;
  retryPolicy?: RetryPolicy;
  /** Where the connection's limiters come from; by default shared by every process (provider-limiters.ts). */
  limiterFactory?: LimiterFactory;
}

const BATCH_SIZE = 100;

/** The code of an input's error when its whole create batch was refused (409) for another input. */
export const BATCH_REFUSED = "BATCH_REFUSED";

interface BatchWriteResponse {
  results: Array<HubSpotObject & { objectWriteTraceId?: string }>;
  errors?: Array<{ message: string; category?: string; context?: { objectWriteTraceId?: string[] } }>;
}
const SEARCH_PAGE_SIZE = 200;
/** HubSpot stops paging a search past 10,000 results. */
const SEARCH_RESULT_CAP = 10_000;

function chunksOf<T>(items: T[]): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += BATCH_SIZE) chunks.push(items.slice(i, i + BATCH_SIZE));
  return chunks;
}

/** Sends every chunk at once and answers in chunk order; if any failed, the first failure (in order) is thrown once all have settled. */
async function allChunks<T, R>(chunks: T[][], send: (chunk: T[]) => Promise<R>): Promise<R[]> {
  const settled = await Promise.allSettled(chunks.map(send));
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === "rejected");
  if (failed) throw failed.reason;
  return settled.map((s) => (s as PromiseFulfilledResult<R>).value);
}

/** OAuth apps get 110 requests per 10 s per account; search has its own 5 per second. */
function limitersFor(limiter: LimiterFactory, connectionId: string, search: boolean): RateLimiter[] {
  const general = limiter(`hubspot:${connectionId}`, { limit: 110, intervalMs: 10_000, concurrency: 10 });
  return search ? [general, limiter(`hubspot-search:${connectionId}`, { limit: 5, intervalMs: 1_000 })] : [general];
}

/** "Contact already exists. Existing ID: 123" → "123". */
export function existingIdFromConflict(message: string | undefined): string | undefined {
  return message?.match(/Existing ID:\s*(\d+)/)?.[1];
}

export class HubSpotClient {
  private readonly fetch: FetchLike;

  constructor(private readonly options: HubSpotClientOptions) {
    this.fetch = options.fetch ?? fetch;
  }
  get connectionId(): string {
    return this.options.connectionId;
  }


  /** `creates`: a create can't be re-sent blindly after a timeout or 5xx (it may have happened). */
  private async request<T>(method: string, path: string, body?: unknown, options: { search?: boolean; creates?: boolean } = {}): Promise<T> {
    const transport = {
      tokens: this.options.tokens,
      fetch: this.fetch,
      limiters: limitersFor(this.options.limiterFactory ?? providerLimiters, this.options.connectionId, options.search ?? false),
      retryPolicy: this.options.retryPolicy,
      retryFailures: !options.creates,
    };
    const answer = await authorizedRequest(transport, method, `${this.options.baseUrl}${path}`, body);
    if (!answer.ok) {
      const error = (typeof answer.body === "object" && answer.body ? answer.body : {}) as HubSpotErrorBody;
      throw new ProviderError("hubspot", answer.status, error.message ?? `HubSpot answered ${answer.status}`, error.category, answer.body);
    }
    return answer.body as T;
  }

  getObject(type: HubSpotObjectType, id: string, properties: string[], associations: string[] = []): Promise<HubSpotObject> {
    const params = new URLSearchParams({ properties: properties.join(",") });
    if (associations.length) params.set("associations", associations.join(","));
    return this.request("GET", `/crm/v3/objects/${type}/${encodeURIComponent(id)}?${params}`);
  }

  createObject(type: HubSpotObjectType, properties: Record<string, string>, associations: HubSpotAssociationInput[] = []): Promise<HubSpotObject> {
    return this.request("POST", `/crm/v3/objects/${type}`, { properties, ...(associations.length ? { associations } : {}) }, { creates: true });
  }

  archiveObject(type: HubSpotObjectType, id: string): Promise<unknown> {
    return this.request("DELETE", `/crm/v3/objects/${type}/${encodeURIComponent(id)}`);
  }

  /** Associates two records with the default association type (v4). */
  associate(fromType: HubSpotObjectType, fromId: string, toType: HubSpotObjectType, toId: string): Promise<unknown> {
    return this.request("PUT", `/crm/v4/objects/${fromType}/${encodeURIComponent(fromId)}/associations/default/${toType}/${encodeURIComponent(toId)}`);
  }

  /** Creates records with their associations in batches of 100 (line items with their invoice). */
  async batchCreateWithAssociations(type: HubSpotObjectType, inputs: Array<{ properties: Record<string, string>; associations: HubSpotAssociationInput[] }>): Promise<HubSpotObject[]> {
    const created: HubSpotObject[] = [];
    for (let i = 0; i < inputs.length; i += BATCH_SIZE) {
      const body = await this.request<BatchWriteResponse>("POST", `/crm/v3/objects/${type}/batch/create`, { inputs: inputs.slice(i, i + BATCH_SIZE) }, { creates: true });
      if (body.errors?.length) throw new ProviderError("hubspot", 400, body.errors[0]!.message, body.errors[0]!.category, body);
      created.push(...body.results);
    }
    return created;
  }

  updateObject(type: HubSpotObjectType, id: string, properties: Record<string, string>): Promise<HubSpotObject> {
    return this.request("PATCH", `/crm/v3/objects/${type}/${encodeURIComponent(id)}`, { properties });
  }

  /** Reads by id, or by a unique property (`idProperty: "email"`); ids that match nothing are left out. */
  async batchRead(type: HubSpotObjectType, ids: string[], properties: string[], idProperty?: string): Promise<HubSpotObject[]> {
    // The batches go out together: the account's limiter (110 per 10 s, 10 at once) paces them.
    const pages = await allChunks(chunksOf(ids), (chunk) =>
      this.request<{ results: HubSpotObject[] }>("POST", `/crm/v3/objects/${type}/batch/read`, {
        properties,
        ...(idProperty ? { idProperty } : {}),
        inputs: chunk.map((id) => ({ id })),
      }),
    );
    return pages.flatMap((body) => body.results);
  }

  /**
   * The ids associated with each record (v4 batch read, 100 records per call); a record that has
   * none, or no longer exists, maps to [].
   */
  async batchAssociations(from: HubSpotObjectType, to: HubSpotObjectType, ids: string[]): Promise<Map<string, string[]>> {
    const pages = await allChunks(chunksOf([...new Set(ids)]), (chunk) =>
      this.request<{ results: Array<{ from: { id: string }; to: Array<{ toObjectId: number | string }> }> }>(
        "POST",
        `/crm/v4/associations/${from}/${to}/batch/read`,
        { inputs: chunk.map((id) => ({ id })) },
      ),
    );
    const found = new Map(ids.map((id) => [id, [] as string[]]));
    for (const result of pages.flatMap((body) => body.results)) found.set(String(result.from.id), result.to.map((t) => String(t.toObjectId)));
    return found;
  }

  /**
   * Creates or updates up to 100 records per call. Each input carries a trace id; the answer maps
   * every trace id to its record or to the error HubSpot reported for it (a 207 is a partial success).
   */
  async batchWrite(
    type: HubSpotObjectType,
    operation: "create" | "update",
    inputs: Array<{ traceId: string; id?: string; properties: Record<string, string>; associations?: HubSpotAssociationInput[] }>,
  ): Promise<Map<string, HubSpotObject | ProviderError>> {
    const outcomes = new Map<string, HubSpotObject | ProviderError>();
    // The batches go out together (the limiter paces them). A create batch refused whole for a
    // taken email (409) made nothing: each of its inputs answers BATCH_REFUSED; other refusals throw.
    const bodies = await allChunks(chunksOf(inputs), (chunk) =>
      this.request<BatchWriteResponse>(
        "POST",
        `/crm/v3/objects/${type}/batch/${operation}`,
        {
          inputs: chunk.map(({ traceId, id, properties, associations }) => ({
            ...(id ? { id } : {}),
            properties,
            ...(associations?.length ? { associations } : {}),
            objectWriteTraceId: traceId,
          })),
        },
        { creates: operation === "create" },
      ).catch((error: unknown) => {
        if (operation === "create" && error instanceof ProviderError && error.status === 409) return error;
        throw error;
      }),
    );
    for (const [index, body] of bodies.entries()) {
      const chunk = inputs.slice(index * BATCH_SIZE, (index + 1) * BATCH_SIZE);
      if (body instanceof ProviderError) {
        for (const input of chunk) outcomes.set(input.traceId, new ProviderError("hubspot", 409, body.message, BATCH_REFUSED, body.body));
        continue;
      }
      for (const result of body.results) if (result.objectWriteTraceId) outcomes.set(result.objectWriteTraceId, result);
      for (const error of body.errors ?? []) {
        for (const traceId of error.context?.objectWriteTraceId ?? []) {
          outcomes.set(traceId, new ProviderError("hubspot", error.category === "CONFLICT" ? 409 : 400, error.message, error.category, error));
        }
      }
      for (const input of chunk) {
        if (!outcomes.has(input.traceId)) outcomes.set(input.traceId, new ProviderError("hubspot", 500, "HubSpot reported nothing for this record", undefined, body));
      }
    }
    return outcomes;
  }

  /** One page of the list API (up to 100 records, with their `associations` if asked) and the cursor of the next. */
  async listPage(
    type: HubSpotObjectType,
    properties: string[],
    after: string | null,
    limit = 100,
    associations: HubSpotObjectType[] = [],
  ): Promise<{ results: HubSpotObject[]; after: string | null }> {
    const params = new URLSearchParams({ limit: String(Math.min(limit, 100)), properties: properties.join(",") });
    if (associations.length) params.set("associations", associations.join(","));
    if (after) params.set("after", after);
    const page = await this.request<{ results: HubSpotObject[]; paging?: { next?: { after: string } } }>("GET", `/crm/v3/objects/${type}?${params}`);
    return { results: page.results, after: page.paging?.next?.after ?? null };
  }

  /** The account's tax rate library (`GET /tax-rates/v1/tax-rates`, every page). */
  async listTaxRates(): Promise<HubSpotTaxRateBody[]> {
    const results: HubSpotTaxRateBody[] = [];
    let after: string | undefined;
    do {
      const params = new URLSearchParams({ limit: "100" });
      if (after) params.set("after", after);
      const page = await this.request<{ results: HubSpotTaxRateBody[]; paging?: { next?: { after: string } } }>("GET", `/tax-rates/v1/tax-rates?${params}`);
      results.push(...page.results);
      after = page.paging?.next?.after;
    } while (after);
    return results;
  }

  /** Every record of a type (list API, 100 per page). */
  async listAll(type: HubSpotObjectType, properties: string[]): Promise<HubSpotObject[]> {
    const results: HubSpotObject[] = [];
    let after: string | undefined;
    do {
      const params = new URLSearchParams({ limit: "100", properties: properties.join(",") });
      if (after) params.set("after", after);
      const page = await this.request<{ results: HubSpotObject[]; paging?: { next?: { after: string } } }>(
        "GET",
        `/crm/v3/objects/${type}?${params}`,
      );
      results.push(...page.results);
      after = page.paging?.next?.after;
    } while (after);
    return results;
  }

  async search(type: HubSpotObjectType, query: HubSpotSearch): Promise<{ total: number; results: HubSpotObject[]; after?: string }> {
    const page = await this.request<{ total: number; results: HubSpotObject[]; paging?: { next?: { after: string } } }>(
      "POST",
      `/crm/v3/objects/${type}/search`,
      { limit: SEARCH_PAGE_SIZE, ...query },
      { search: true },
    );
    return { total: page.total, results: page.results, after: page.paging?.next?.after };
  }

  /**
   * Every match of a search, up to HubSpot's 10,000-result paging cap; `capped` says the cap cut it
   * short (narrow the search and ask again for the rest).
   */
  async searchAll(type: HubSpotObjectType, query: HubSpotSearch): Promise<{ results: HubSpotObject[]; capped: boolean }> {
    const results: HubSpotObject[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await this.search(type, { ...query, after });
      results.push(...page.results);
      if (!page.after) return { results, capped: false };
      if (Number(page.after) >= SEARCH_RESULT_CAP) return { results, capped: true };
      after = page.after;
    }
  }

  async listProperties(type: HubSpotObjectType): Promise<HubSpotProperty[]> {
    const body = await this.request<{ results: HubSpotProperty[] }>("GET", `/crm/v3/properties/${type}`);
    return body.results;
  }

  createProperty(type: HubSpotObjectType, definition: HubSpotPropertyDefinition): Promise<unknown> {
    return this.request("POST", `/crm/v3/properties/${type}`, definition);
  }
}
