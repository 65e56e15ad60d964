CREATE TABLE "figure_source_versions" (
	"source" text PRIMARY KEY NOT NULL,
	"version" integer NOT NULL
);
--> statement-breakpoint
DROP TABLE "figure_state" CASCADE;