CREATE TABLE "commitment_templates" (
	"id" uuid PRIMARY KEY NOT NULL,
	"unit_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"study_prompt" text DEFAULT '' NOT NULL,
	"action_prompt" text DEFAULT '' NOT NULL,
	"targets" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"deadline" date,
	"campaign_weight" integer DEFAULT 20 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "commitment_templates_weight_check" CHECK ("commitment_templates"."campaign_weight" between 0 and 100)
);
--> statement-breakpoint
CREATE TABLE "commitments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"person_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"study" text DEFAULT '' NOT NULL,
	"actions" text DEFAULT '' NOT NULL,
	"targets" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"submitted_at" timestamp with time zone,
	"mid_year_assessment" text,
	"mid_year_at" timestamp with time zone,
	"year_end_assessment" text,
	"year_end_at" timestamp with time zone,
	"review_comment" text,
	"score" integer,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "commitments_score_check" CHECK ("commitments"."score" is null or "commitments"."score" between 0 and 100)
);
--> statement-breakpoint
CREATE TABLE "rating_corrections" (
	"id" uuid PRIMARY KEY NOT NULL,
	"rating_id" uuid NOT NULL,
	"before" jsonb NOT NULL,
	"after" jsonb NOT NULL,
	"reason" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" uuid
);
--> statement-breakpoint
CREATE TABLE "rating_sheets" (
	"unit_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"proposed_at" timestamp with time zone,
	"proposed_by" uuid,
	"confirmed_at" timestamp with time zone,
	"confirmed_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "rating_sheets_unit_id_year_pk" PRIMARY KEY("unit_id","year")
);
--> statement-breakpoint
CREATE TABLE "ratings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"person_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"proposed_grade" text NOT NULL,
	"proposed_points" integer,
	"proposed_reason" text,
	"final_grade" text,
	"final_points" integer,
	"final_reason" text,
	"confirmed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "year_closures" (
	"unit_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"closed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_by" uuid,
	CONSTRAINT "year_closures_unit_id_year_pk" PRIMARY KEY("unit_id","year")
);
--> statement-breakpoint
ALTER TABLE "commitment_templates" ADD CONSTRAINT "commitment_templates_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commitments" ADD CONSTRAINT "commitments_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commitments" ADD CONSTRAINT "commitments_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rating_corrections" ADD CONSTRAINT "rating_corrections_rating_id_ratings_id_fk" FOREIGN KEY ("rating_id") REFERENCES "public"."ratings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rating_sheets" ADD CONSTRAINT "rating_sheets_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ratings" ADD CONSTRAINT "ratings_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ratings" ADD CONSTRAINT "ratings_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "year_closures" ADD CONSTRAINT "year_closures_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "commitment_templates_unit_year_key" ON "commitment_templates" USING btree ("unit_id","year");--> statement-breakpoint
CREATE UNIQUE INDEX "commitments_person_year_key" ON "commitments" USING btree ("person_id","year");--> statement-breakpoint
CREATE INDEX "commitments_unit_year_idx" ON "commitments" USING btree ("unit_id","year");--> statement-breakpoint
CREATE INDEX "rating_corrections_rating_idx" ON "rating_corrections" USING btree ("rating_id");--> statement-breakpoint
CREATE UNIQUE INDEX "ratings_person_year_key" ON "ratings" USING btree ("person_id","year");--> statement-breakpoint
CREATE INDEX "ratings_unit_year_idx" ON "ratings" USING btree ("unit_id","year");