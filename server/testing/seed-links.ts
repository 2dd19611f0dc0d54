/**
 * Synthetic links for the record view's queries at scale (generate_series, seconds for 100,000):
 * every object, a spread of states and error codes, labels with unique text, updated over weeks,
 * and two activity rows per link, as the list and the detail read them.
 */
import { sql } from "drizzle-orm";
import type { Database } from "../db/client";

export async function seedLinks(db: Database, orgId: string, count: number): Promise<void> {
  await db.execute(sql`
    insert into record_links (org_id, object, hubspot_id, quickbooks_id, origin, label, state, error_code, updated_at, last_synced_at)
    select ${orgId}::uuid,
           (array['contacts','products','invoices','payments']::sync_object[])[1 + (g / 3) % 4],
           (1000000 + g)::text, g::text, 'quickbooks',
           'Customer ' || g || ' ' || md5(g::text),
           case when g % 20 = 1 then 'failed' when g % 14 = 2 then 'excluded' when g % 33 = 3 then 'pending' else 'synced' end::record_state,
           case when g % 20 = 1 then (array['DUPLICATE_DISPLAY_NAME','CLOSED_PERIOD','MISSING_CUSTOMER'])[1 + g % 3] end,
           now() - make_interval(secs => g * 7.3), now() - make_interval(secs => g * 7.3)
    from generate_series(1, ${count}) g`);
}

/** Two activity rows for each of the org's links (a create and an update), as after a sync and one change. */
export async function seedActivity(db: Database, orgId: string): Promise<void> {
  await db.execute(sql`
    insert into sync_activity (org_id, link_id, at, target, action, changed_fields, changes)
    select l.org_id, l.id, l.updated_at - make_interval(secs => n * 60), 'hubspot', case n when 1 then 'created' else 'updated' end,
           '["phone"]'::jsonb, jsonb_build_object('phone', jsonb_build_object('before', null, 'after', '555-0100'))
    from record_links l cross join generate_series(1, 2) n
    where l.org_id = ${orgId}::uuid`);
}

/** `count` activity rows for one link, a minute apart. */
export async function seedActivityOf(db: Database, orgId: string, linkId: string, count: number): Promise<void> {
  await db.execute(sql`
    insert into sync_activity (org_id, link_id, at, target, action, changed_fields, changes)
    select ${orgId}::uuid, ${linkId}::uuid, now() - make_interval(secs => n * 60), case when n % 2 = 0 then 'hubspot' else 'quickbooks' end::record_side, 'updated',
           '["phone"]'::jsonb, jsonb_build_object('phone', jsonb_build_object('before', '555-' || n, 'after', '555-' || (n + 1)))
    from generate_series(1, ${count}) n`);
}
