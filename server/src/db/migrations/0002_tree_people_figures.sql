CREATE TABLE "subtree_figures" (
	"unit_id" uuid NOT NULL,
	"metric" text NOT NULL,
	"grain" text NOT NULL,
	"period_start" date NOT NULL,
	"shard" smallint NOT NULL,
	"value" bigint NOT NULL,
	CONSTRAINT "subtree_figures_unit_id_metric_grain_period_start_shard_pk" PRIMARY KEY("unit_id","metric","grain","period_start","shard")
);
--> statement-breakpoint
CREATE TABLE "people" (
	"id" uuid PRIMARY KEY NOT NULL,
	"full_name" text NOT NULL,
	"given_name" text,
	"sort_key" text COLLATE "C" NOT NULL,
	"search_text" text NOT NULL,
	"gender" text,
	"birth_date" date,
	"joined_on" date,
	"official_on" date,
	"position" text,
	"unit_id" uuid NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"status_on" date,
	"phone" text,
	"email" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "people_status_check" CHECK ("people"."status" in ('active','transferred','deceased','removed')),
	CONSTRAINT "people_gender_check" CHECK ("people"."gender" is null or "people"."gender" in ('male','female'))
);
--> statement-breakpoint
CREATE TABLE "person_transfers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"person_id" uuid NOT NULL,
	"from_unit_id" uuid NOT NULL,
	"to_unit_id" uuid NOT NULL,
	"on" date NOT NULL,
	"reason" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" uuid
);
--> statement-breakpoint
CREATE TABLE "unit_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"unit_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"on" date NOT NULL,
	"details" jsonb,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" uuid
);
--> statement-breakpoint
CREATE TABLE "unit_kinds" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text NOT NULL,
	"level" integer NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
DROP INDEX "units_parent_idx";--> statement-breakpoint
ALTER TABLE "units" ADD COLUMN "code" text;--> statement-breakpoint
ALTER TABLE "units" ADD COLUMN "short_name" text;--> statement-breakpoint
ALTER TABLE "units" ADD COLUMN "kind_id" uuid;--> statement-breakpoint
ALTER TABLE "units" ADD COLUMN "status" text DEFAULT 'active' NOT NULL;--> statement-breakpoint
ALTER TABLE "units" ADD COLUMN "successor_id" uuid;--> statement-breakpoint
ALTER TABLE "units" ADD COLUMN "admin_area_code" text;--> statement-breakpoint
ALTER TABLE "units" ADD COLUMN "document_code" text;--> statement-breakpoint
ALTER TABLE "units" ADD COLUMN "contact" jsonb;--> statement-breakpoint
ALTER TABLE "units" ADD COLUMN "terms" jsonb;--> statement-breakpoint
ALTER TABLE "units" ADD COLUMN "active_from" date;--> statement-breakpoint
ALTER TABLE "units" ADD COLUMN "active_to" date;--> statement-breakpoint
ALTER TABLE "units" ADD COLUMN "search_text" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "units" ADD COLUMN "sort_key" text COLLATE "C" DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_transfers" ADD CONSTRAINT "person_transfers_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_transfers" ADD CONSTRAINT "person_transfers_from_unit_id_units_id_fk" FOREIGN KEY ("from_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_transfers" ADD CONSTRAINT "person_transfers_to_unit_id_units_id_fk" FOREIGN KEY ("to_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_events" ADD CONSTRAINT "unit_events_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "people_unit_sort_idx" ON "people" USING btree ("unit_id","sort_key");--> statement-breakpoint
CREATE INDEX "people_search_idx" ON "people" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "person_transfers_person_idx" ON "person_transfers" USING btree ("person_id","on");--> statement-breakpoint
CREATE INDEX "unit_events_unit_idx" ON "unit_events" USING btree ("unit_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "unit_kinds_code_key" ON "unit_kinds" USING btree ("code");--> statement-breakpoint
ALTER TABLE "units" ADD CONSTRAINT "units_kind_id_unit_kinds_id_fk" FOREIGN KEY ("kind_id") REFERENCES "public"."unit_kinds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "units" ADD CONSTRAINT "units_successor_id_units_id_fk" FOREIGN KEY ("successor_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "units_parent_sort_idx" ON "units" USING btree ("parent_id","sort_key");--> statement-breakpoint
CREATE UNIQUE INDEX "units_code_key" ON "units" USING btree ("code");--> statement-breakpoint
CREATE INDEX "units_search_idx" ON "units" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
ALTER TABLE "units" ADD CONSTRAINT "units_status_check" CHECK ("units"."status" in ('active','dissolved','merged'));--> statement-breakpoint
INSERT INTO "unit_kinds" ("id", "code", "name", "name_en", "level", "sort_order") VALUES
  (gen_random_uuid(), 'central', 'Ban Chấp hành Trung ương', 'Central Committee', 0, 0),
  (gen_random_uuid(), 'province', 'Tỉnh ủy, Thành ủy', 'Provincial or city committee', 1, 10),
  (gen_random_uuid(), 'commune', 'Đảng ủy xã, phường, đặc khu', 'Commune or ward committee', 2, 20),
  (gen_random_uuid(), 'bloc', 'Đảng ủy khối', 'Bloc committee', 2, 25),
  (gen_random_uuid(), 'grassroots', 'Đảng bộ cơ sở', 'Grassroots party organisation', 3, 30),
  (gen_random_uuid(), 'cell', 'Chi bộ', 'Party cell', 4, 40),
  (gen_random_uuid(), 'youth_union', 'Đoàn Thanh niên', 'Youth Union', 3, 50),
  (gen_random_uuid(), 'trade_union', 'Công đoàn', 'Trade union', 3, 60),
  (gen_random_uuid(), 'agency', 'Cơ quan nhà nước', 'State agency', 3, 70);--> statement-breakpoint
UPDATE "units" SET "search_text" = lower("name") WHERE "search_text" = '';