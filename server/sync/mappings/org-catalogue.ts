import type { Database } from "../../db/client";
import { createSyncContext } from "../org-context";
import { loadCatalogue } from "./catalogue";
import type { CatalogueLoader } from "./edit";

/** Reads the catalogue through the org's own connections (fails with CONNECTION_EXPIRED when one is missing). */
export function orgCatalogueLoader(db: Database, orgId: string): CatalogueLoader {
  return async (object, collection) => loadCatalogue(await createSyncContext(db, orgId), object, collection);
}
