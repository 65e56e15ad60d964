-- Tokens get a scope and an expiry. Existing ones could do everything their user could: they keep
-- read-write, and expire within 90 days (sooner if they already would; never beyond 365).
ALTER TABLE "api_tokens" ADD COLUMN "scope" text DEFAULT 'read-write' NOT NULL;--> statement-breakpoint
ALTER TABLE "api_tokens" ALTER COLUMN "scope" DROP DEFAULT;--> statement-breakpoint
UPDATE "api_tokens" SET "expires_at" = least(coalesce("expires_at", now() + interval '90 days'), now() + interval '365 days');--> statement-breakpoint
ALTER TABLE "api_tokens" ALTER COLUMN "expires_at" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_scope_check" CHECK ("api_tokens"."scope" in ('read','read-write'));--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "api_tokens_allowed" boolean DEFAULT false NOT NULL;--> statement-breakpoint
-- Members may hold tokens only when an administrator allows it, which nobody has yet: their
-- tokens are revoked (each with an audit row).
WITH "revoked" AS (
  UPDATE "api_tokens" SET "revoked_at" = now()
  FROM "users" WHERE "users"."id" = "api_tokens"."user_id" AND "users"."role" = 'member' AND "api_tokens"."revoked_at" IS NULL
  RETURNING "api_tokens"."id", "api_tokens"."revoked_at", "users"."unit_id"
)
INSERT INTO "audit_log" ("id", "entity", "entity_id", "action", "unit_id", "changes")
SELECT gen_random_uuid(), 'token', "id"::text, 'revoke', "unit_id",
  jsonb_build_object('revokedAt', jsonb_build_object('before', NULL, 'after', "revoked_at"))
FROM "revoked";
