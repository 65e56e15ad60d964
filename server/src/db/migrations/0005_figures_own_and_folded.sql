CREATE TABLE "figure_state" (
	"id" smallint PRIMARY KEY NOT NULL,
	"rules_version" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "unit_figures" (
	"unit_id" uuid NOT NULL,
	"day" date NOT NULL,
	"metric" text NOT NULL,
	"shard" smallint NOT NULL,
	"value" bigint NOT NULL,
	CONSTRAINT "unit_figures_unit_id_day_metric_shard_pk" PRIMARY KEY("unit_id","day","metric","shard")
);
