import { z } from "zod";

export const roleSchema = z.enum(["owner", "admin", "member"]);
export const invitedRoleSchema = z.enum(["admin", "member"]);
/** Invite tokens are 32 random bytes in base64url. */
export const inviteTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, "This invitation link is incomplete.");
