ALTER TABLE "units" ADD COLUMN "child_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
UPDATE "units" AS p SET "child_count" = c.n
FROM (SELECT "parent_id", count(*)::int AS n FROM "units" WHERE "parent_id" IS NOT NULL GROUP BY "parent_id") AS c
WHERE p."id" = c."parent_id";--> statement-breakpoint
CREATE OR REPLACE FUNCTION units_child_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Its own update of units fires it again: nothing to do there (no parent changes).
  IF pg_trigger_depth() > 1 THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'INSERT' THEN
    UPDATE units u SET child_count = u.child_count + c.n
    FROM (SELECT parent_id, count(*)::int AS n FROM new_rows WHERE parent_id IS NOT NULL GROUP BY 1) c
    WHERE u.id = c.parent_id;
  ELSIF TG_OP = 'DELETE' THEN
    UPDATE units u SET child_count = u.child_count - c.n
    FROM (SELECT parent_id, count(*)::int AS n FROM old_rows WHERE parent_id IS NOT NULL GROUP BY 1) c
    WHERE u.id = c.parent_id;
  ELSE
    UPDATE units u SET child_count = u.child_count + c.n
    FROM (
      SELECT parent_id, sum(d)::int AS n FROM (
        SELECT n.parent_id, 1 AS d FROM new_rows n JOIN old_rows o ON o.id = n.id
        WHERE n.parent_id IS DISTINCT FROM o.parent_id AND n.parent_id IS NOT NULL
        UNION ALL
        SELECT o.parent_id, -1 FROM new_rows n JOIN old_rows o ON o.id = n.id
        WHERE n.parent_id IS DISTINCT FROM o.parent_id AND o.parent_id IS NOT NULL
      ) x GROUP BY 1
    ) c
    WHERE u.id = c.parent_id AND c.n <> 0;
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER units_child_count_insert AFTER INSERT ON units
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION units_child_count();--> statement-breakpoint
CREATE TRIGGER units_child_count_update AFTER UPDATE ON units
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION units_child_count();--> statement-breakpoint
CREATE TRIGGER units_child_count_delete AFTER DELETE ON units
REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION units_child_count();
