-- Codes and tokens are stored as their SHA-256 (hex) from now on. Access tokens and codes are
-- short-lived: drop them (clients refresh); hash refresh tokens in place so installs keep working.
DELETE FROM "sandbox_hubspot"."access_tokens";
--> statement-breakpoint
DELETE FROM "sandbox_hubspot"."authorization_codes";
--> statement-breakpoint
UPDATE "sandbox_hubspot"."refresh_tokens" SET "token" = encode(sha256(convert_to("token", 'UTF8')), 'hex');
