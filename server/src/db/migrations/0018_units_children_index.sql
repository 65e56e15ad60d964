DROP INDEX "units_children_idx";--> statement-breakpoint
CREATE INDEX "units_children_idx" ON "units" USING btree ("parent_id",("status" <> 'active'),"sort_key","id","status","search_text");