CREATE TABLE "login_throttles" (
	"kind" text NOT NULL,
	"key" text NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"last_failed_at" timestamp with time zone NOT NULL,
	"locked_until" timestamp with time zone,
	CONSTRAINT "login_throttles_kind_key_pk" PRIMARY KEY("kind","key")
);
--> statement-breakpoint
CREATE INDEX "login_throttles_last_failed_idx" ON "login_throttles" USING btree ("last_failed_at");--> statement-breakpoint
-- Locks still running move to the typed username's row.
INSERT INTO "login_throttles" ("kind", "key", "failures", "last_failed_at", "locked_until")
SELECT 'account', "username", "failed_login_count", now(), "locked_until" FROM "users" WHERE "locked_until" > now();--> statement-breakpoint
ALTER TABLE "users" DROP COLUMN "failed_login_count";--> statement-breakpoint
ALTER TABLE "users" DROP COLUMN "locked_until";