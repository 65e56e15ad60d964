ALTER TABLE "people" ADD COLUMN "level1_id" uuid;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "level2_id" uuid;--> statement-breakpoint
-- A unit's ancestors at depth 1 and 2, read off its path ('/root/level1/level2/…/').
CREATE OR REPLACE FUNCTION unit_path_level(path text, depth integer) RETURNS uuid
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT nullif(split_part(path, '/', depth + 2), '')::uuid $$;--> statement-breakpoint
UPDATE "people" AS p SET "level1_id" = unit_path_level(u.path, 1), "level2_id" = unit_path_level(u.path, 2)
FROM "units" AS u WHERE u.id = p.unit_id;--> statement-breakpoint
-- A person written (inserted, or transferred to another unit) takes its unit's levels.
CREATE OR REPLACE FUNCTION people_levels() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE unit_path text;
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.unit_id = OLD.unit_id
     AND NEW.level1_id IS NOT DISTINCT FROM OLD.level1_id AND NEW.level2_id IS NOT DISTINCT FROM OLD.level2_id THEN
    RETURN NEW;
  END IF;
  SELECT path INTO unit_path FROM units WHERE id = NEW.unit_id;
  NEW.level1_id := unit_path_level(unit_path, 1);
  NEW.level2_id := unit_path_level(unit_path, 2);
  RETURN NEW;
END
$$;--> statement-breakpoint
CREATE TRIGGER people_levels BEFORE INSERT OR UPDATE ON people
FOR EACH ROW EXECUTE FUNCTION people_levels();--> statement-breakpoint
-- A subtree moved (its units' paths rewritten in one statement): its people follow.
CREATE OR REPLACE FUNCTION units_people_levels() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE people p SET level1_id = unit_path_level(n.path, 1), level2_id = unit_path_level(n.path, 2)
  FROM new_rows n JOIN old_rows o ON o.id = n.id
  WHERE n.path <> o.path AND p.unit_id = n.id
    AND (p.level1_id IS DISTINCT FROM unit_path_level(n.path, 1) OR p.level2_id IS DISTINCT FROM unit_path_level(n.path, 2));
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER units_people_levels AFTER UPDATE ON units
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION units_people_levels();--> statement-breakpoint
CREATE INDEX "people_sort_idx" ON "people" USING btree ("sort_key","id","status");--> statement-breakpoint
CREATE INDEX "people_level1_sort_idx" ON "people" USING btree ("level1_id","sort_key","id","status");--> statement-breakpoint
CREATE INDEX "people_level2_sort_idx" ON "people" USING btree ("level2_id","sort_key","id","status");
