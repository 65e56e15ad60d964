-- The figure reads sum `value` over key ranges: carrying it in the key's index makes them
-- index-only scans (no heap page per row). Custom SQL: drizzle-kit cannot express INCLUDE.
ALTER TABLE "subtree_figures" DROP CONSTRAINT "subtree_figures_unit_id_grain_period_start_metric_shard_pk";--> statement-breakpoint
ALTER TABLE "subtree_figures" ADD CONSTRAINT "subtree_figures_unit_id_grain_period_start_metric_shard_pk" PRIMARY KEY ("unit_id", "grain", "period_start", "metric", "shard") INCLUDE ("value");--> statement-breakpoint
ALTER TABLE "unit_figures" DROP CONSTRAINT "unit_figures_unit_id_day_metric_shard_pk";--> statement-breakpoint
ALTER TABLE "unit_figures" ADD CONSTRAINT "unit_figures_unit_id_day_metric_shard_pk" PRIMARY KEY ("unit_id", "day", "metric", "shard") INCLUDE ("value");
