import type { SideAdapter } from "../engine/adapter";
import { SyncError } from "../errors";
import type { Side } from "../links";
import type { ObjectEnv } from "../engine/object-env";
import type { PlannedCreate, PreviewMemory } from "./types";

/**
 * The DisplayName each new QuickBooks customer would get, decided the way the creates are: every
 * record tries its first candidate, those refused as taken their next one in a later round; null
 * when every candidate is taken. The names are looked up once per preview, in one query per 100.
 */
export async function predictDisplayNames(adapter: SideAdapter, requests: Array<{ id: string; candidates: string[] }>, taken: Map<string, boolean>): Promise<Map<string, string | null>> {
  const lookup = [...new Set(requests.flatMap((r) => r.candidates.map((name) => name.toLowerCase())))].filter((name) => !taken.has(name));
  if (lookup.length && adapter.takenNames) {
    const found = await adapter.takenNames(lookup);
    for (const name of lookup) taken.set(name, found.has(name));
  }
  const names = new Map<string, string | null>();
  let round = requests.filter((r) => r.candidates.length > 0);
  for (let attempt = 0; round.length > 0; attempt++) {
    const next: typeof round = [];
    for (const request of round) {
      const name = request.candidates[attempt]!;
      if (!taken.get(name.toLowerCase())) {
        taken.set(name.toLowerCase(), true);
        names.set(request.id, name);
      } else if (attempt + 1 < request.candidates.length) next.push(request);
      else names.set(request.id, null);
    }
    round = next;
  }
  return names;
}

/** The detail of a customer create that would find every candidate name taken. */
export function everyNameTaken(candidates: string[]): string {
  return `Every name Tandem would give the new QuickBooks customer is taken by another customer: ${candidates.map((name) => `“${name}”`).join(", ")}.`;
}

/** The DisplayName candidates of a new customer made from a contact with these values. */
export function candidatesFor(env: ObjectEnv, values: PlannedCreate["values"]): string[] {
  return env.spec.createOptions?.("quickbooks", values, env.config).nameCandidates ?? [];
}

/** Contacts going to QuickBooks as new customers whose every DisplayName candidate is taken. */
export async function predictContactFailures(env: ObjectEnv, side: Side, creates: PlannedCreate[], memory: PreviewMemory): Promise<Map<string, SyncError>> {
  const failures = new Map<string, SyncError>();
  if (side !== "hubspot") return failures;
  const requests = creates.map((create) => ({ id: create.source.id, candidates: candidatesFor(env, create.values) }));
  const names = await predictDisplayNames(env.adapters.quickbooks, requests, memory.names);
  for (const request of requests) if (names.get(request.id) === null) failures.set(request.id, new SyncError("DUPLICATE_DISPLAY_NAME", everyNameTaken(request.candidates)));
  return failures;
}
