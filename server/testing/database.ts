import { createDatabase, type Database } from "../db/client";
import { throwawayDatabase } from "../sandbox/testing/database";

export interface TestDatabase {
  url: string;
  db: Database;
  drop: () => Promise<void>;
}

/** A fresh, migrated database of its own for one test file; `drop` removes it. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const database = await throwawayDatabase("test");
  const { db, close } = createDatabase(database.url, { max: 5 });
  return {
    url: database.url,
    db,
    drop: async () => {
      await close();
      await database.drop();
    },
  };
}
