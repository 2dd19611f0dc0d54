import { SyncError } from "../../sync/errors";
import type { QuickBooksClient } from "./client";
import type { QboEntityBase } from "./types";

/** Where an invoice record carries its terms' name (QuickBooks names them by id only, in `SalesTermRef.value`). */
export const QUICKBOOKS_TERMS_PATH = "SalesTermRef.name";

interface QboTerm extends QboEntityBase {
  Name: string;
  Active?: boolean;
}

interface Term {
  id: string;
  name: string;
  active: boolean;
}

/** Terms change rarely; an id or name not found in the cached list reads the list again. */
const TERMS_TTL_MS = 5 * 60_000;

/**
 * The companies' terms, per realm. Invoices name their terms by id only, so every read and write of
 * one would otherwise cost a query: kept across runs, not per adapter.
 */
const cached = new Map<string, CachedTerms>();

interface CachedTerms {
  readAt: number;
  terms: Promise<Term[]>;
}

function readTerms(client: QuickBooksClient): CachedTerms {
  // Inactive terms too: an older invoice may still name them.
  const terms = client.queryAll<QboTerm>("Term", "Active IN (true, false)").then((rows) => rows.map((t) => ({ id: t.Id, name: t.Name, active: t.Active !== false })));
  const entry = { readAt: Date.now(), terms };
  cached.set(client.realmId, entry);
  terms.catch(() => {
    if (cached.get(client.realmId) === entry) cached.delete(client.realmId);
  });
  return entry;
}

function cachedTerms(client: QuickBooksClient): { entry: CachedTerms; readNow: boolean } {
  const entry = cached.get(client.realmId);
  if (entry && Date.now() - entry.readAt < TERMS_TTL_MS) return { entry, readNow: false };
  return { entry: readTerms(client), readNow: true };
}

async function findTerm(client: QuickBooksClient, matches: (term: Term) => boolean): Promise<Term | undefined> {
  const { entry, readNow } = cachedTerms(client);
  const term = (await entry.terms).find(matches);
  if (term || readNow) return term;
  // The lookups of one batch that missed together share one read.
  const current = cached.get(client.realmId);
  const again = current && current !== entry ? current : readTerms(client);
  return (await again.terms).find(matches);
}

/** The name of the terms with this id (null when the company has none by that id). */
export async function termName(client: QuickBooksClient, id: string): Promise<string | null> {
  return (await findTerm(client, (t) => t.id === id))?.name ?? null;
}

/** The id of the active terms with this name, ignoring case and surrounding spaces; UNKNOWN_TERMS when there are none. */
export async function termId(client: QuickBooksClient, name: string): Promise<string> {
  const wanted = name.trim().toLowerCase();
  const term = await findTerm(client, (t) => t.active && t.name.toLowerCase() === wanted);
  if (term) return term.id;
  const names = (await cachedTerms(client).entry.terms).filter((t) => t.active).map((t) => t.name);
  throw new SyncError("UNKNOWN_TERMS", `"${name}" is none of this QuickBooks company's terms: ${names.join(", ") || "it has none"}.`);
}
