-- One account per person, and only people who exist. Before this rule an account could name any
-- id: the earliest account of each person keeps the link, later ones and links to no person are
-- cleared (each with an audit row), then the unique index holds it.
WITH "ranked" AS (
  SELECT "u"."id", "u"."unit_id", "u"."person_id",
    row_number() OVER (PARTITION BY "u"."person_id" ORDER BY "u"."created_at", "u"."id") AS "n",
    EXISTS (SELECT 1 FROM "people" "p" WHERE "p"."id" = "u"."person_id") AS "known"
  FROM "users" "u" WHERE "u"."person_id" IS NOT NULL
), "unlinked" AS (
  UPDATE "users" SET "person_id" = NULL, "version" = "users"."version" + 1, "updated_at" = now()
  FROM "ranked" WHERE "users"."id" = "ranked"."id" AND ("ranked"."n" > 1 OR NOT "ranked"."known")
  RETURNING "users"."id", "users"."unit_id", "ranked"."person_id"
)
INSERT INTO "audit_log" ("id", "entity", "entity_id", "action", "unit_id", "changes")
SELECT gen_random_uuid(), 'user', "id"::text, 'update', "unit_id",
  jsonb_build_object('personId', jsonb_build_object('before', "person_id", 'after', NULL))
FROM "unlinked";--> statement-breakpoint
CREATE UNIQUE INDEX "users_person_id_key" ON "users" USING btree ("person_id") WHERE "users"."person_id" is not null;
