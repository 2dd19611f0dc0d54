import { randomBytes, randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { SandboxDb } from "./db";
import { apps } from "./schema";
import type { AppRow } from "../oauth/tokens";

/** Registering apps with the sandbox's developer portal. */
export const appRegistrationSchema = z.object({
  name: z.string().trim().min(1).max(200),
  redirectUris: z.array(z.url()).min(1),
  webhookUrl: z.url().nullish(),
  webhookFormat: z.enum(["legacy", "cloudevents"]).default("legacy"),
  verifierToken: z.string().min(8).optional(),
  accessTokenLifetimeSeconds: z.number().int().positive().nullish(),
});

export type AppRegistration = z.input<typeof appRegistrationSchema>;

/** Creates the app, or updates the one with the same name (keeping its credentials). */
export async function registerApp(db: SandboxDb, input: AppRegistration): Promise<AppRow> {
  const registration = appRegistrationSchema.parse(input);
  const values = {
    redirectUris: registration.redirectUris,
    webhookUrl: registration.webhookUrl ?? null,
    webhookFormat: registration.webhookFormat,
    ...(registration.verifierToken ? { verifierToken: registration.verifierToken } : {}),
    ...(registration.accessTokenLifetimeSeconds !== undefined ? { accessTokenLifetimeSeconds: registration.accessTokenLifetimeSeconds } : {}),
  };
  const [existing] = await db.select().from(apps).where(eq(apps.name, registration.name));
  if (existing) {
    const [updated] = await db.update(apps).set(values).where(eq(apps.id, existing.id)).returning();
    return updated!;
  }
  const [created] = await db
    .insert(apps)
    .values({
      name: registration.name,
      clientId: `AB${randomBytes(24).toString("base64url")}`,
      clientSecret: randomBytes(30).toString("base64url"),
      verifierToken: registration.verifierToken ?? randomUUID(),
      ...values,
    })
    .returning();
  return created!;
}

export async function listApps(db: SandboxDb): Promise<AppRow[]> {
  return db.select().from(apps).orderBy(apps.createdAt);
}
