CREATE TABLE "document_numbers" (
	"unit_id" uuid NOT NULL,
	"type" text NOT NULL,
	"term" text NOT NULL,
	"last_number" integer NOT NULL,
	CONSTRAINT "document_numbers_unit_id_type_term_pk" PRIMARY KEY("unit_id","type","term")
);
--> statement-breakpoint
CREATE TABLE "plan_objectives" (
	"id" uuid PRIMARY KEY NOT NULL,
	"plan_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"content" text NOT NULL,
	"inherited_from_id" uuid
);
--> statement-breakpoint
CREATE TABLE "plan_tasks" (
	"id" uuid PRIMARY KEY NOT NULL,
	"plan_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"content" text NOT NULL,
	"owner_unit_id" uuid NOT NULL,
	"deadline" date,
	"status" text DEFAULT 'not_started' NOT NULL,
	"progress" integer DEFAULT 0 NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"inherited_from_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "plan_tasks_progress_check" CHECK ("plan_tasks"."progress" between 0 and 100)
);
--> statement-breakpoint
CREATE TABLE "plans" (
	"id" uuid PRIMARY KEY NOT NULL,
	"unit_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"term" text,
	"start_year" integer NOT NULL,
	"end_year" integer NOT NULL,
	"title" text NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"preamble" text DEFAULT '' NOT NULL,
	"purpose" text DEFAULT '' NOT NULL,
	"implementation" text DEFAULT '' NOT NULL,
	"recipients" text DEFAULT '' NOT NULL,
	"signer_authority" text DEFAULT '' NOT NULL,
	"signer_title" text DEFAULT '' NOT NULL,
	"signer_name" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"parent_plan_id" uuid,
	"number" integer,
	"number_term" text,
	"issuer_code" text,
	"issuer_name" text,
	"upper_name" text,
	"place" text,
	"issued_on" date,
	"issued_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "plans_period_check" CHECK (("plans"."kind" = 'whole_term' and "plans"."term" is not null and "plans"."start_year" < "plans"."end_year") or ("plans"."kind" = 'annual' and "plans"."start_year" = "plans"."end_year")),
	CONSTRAINT "plans_issued_check" CHECK ("plans"."status" = 'draft' or ("plans"."number" is not null and "plans"."issued_on" is not null and "plans"."number_term" is not null))
);
--> statement-breakpoint
ALTER TABLE "document_numbers" ADD CONSTRAINT "document_numbers_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_objectives" ADD CONSTRAINT "plan_objectives_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_objectives" ADD CONSTRAINT "plan_objectives_inherited_from_id_plan_objectives_id_fk" FOREIGN KEY ("inherited_from_id") REFERENCES "public"."plan_objectives"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_tasks" ADD CONSTRAINT "plan_tasks_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_tasks" ADD CONSTRAINT "plan_tasks_owner_unit_id_units_id_fk" FOREIGN KEY ("owner_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_tasks" ADD CONSTRAINT "plan_tasks_inherited_from_id_plan_tasks_id_fk" FOREIGN KEY ("inherited_from_id") REFERENCES "public"."plan_tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_parent_plan_id_plans_id_fk" FOREIGN KEY ("parent_plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "plan_objectives_plan_idx" ON "plan_objectives" USING btree ("plan_id","position");--> statement-breakpoint
CREATE INDEX "plan_tasks_plan_idx" ON "plan_tasks" USING btree ("plan_id","position");--> statement-breakpoint
CREATE INDEX "plan_tasks_inherited_idx" ON "plan_tasks" USING btree ("inherited_from_id");--> statement-breakpoint
CREATE INDEX "plan_tasks_owner_idx" ON "plan_tasks" USING btree ("owner_unit_id");--> statement-breakpoint
CREATE INDEX "plans_unit_idx" ON "plans" USING btree ("unit_id","start_year");--> statement-breakpoint
CREATE INDEX "plans_parent_idx" ON "plans" USING btree ("parent_plan_id");--> statement-breakpoint
CREATE UNIQUE INDEX "plans_number_key" ON "plans" USING btree ("unit_id","number_term","number");--> statement-breakpoint
CREATE UNIQUE INDEX "plans_derived_key" ON "plans" USING btree ("unit_id","parent_plan_id");