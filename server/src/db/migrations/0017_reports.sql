CREATE TABLE "report_counts" (
	"request_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"target_depth" smallint NOT NULL,
	"shard" smallint NOT NULL,
	"not_started" bigint DEFAULT 0 NOT NULL,
	"draft" bigint DEFAULT 0 NOT NULL,
	"submitted" bigint DEFAULT 0 NOT NULL,
	"returned" bigint DEFAULT 0 NOT NULL,
	"accepted" bigint DEFAULT 0 NOT NULL,
	"on_time" bigint DEFAULT 0 NOT NULL,
	"late" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "report_counts_request_id_unit_id_target_depth_shard_pk" PRIMARY KEY("request_id","unit_id","target_depth","shard")
);
--> statement-breakpoint
CREATE TABLE "report_requests" (
	"id" uuid PRIMARY KEY NOT NULL,
	"unit_id" uuid NOT NULL,
	"schedule_id" uuid,
	"title" text NOT NULL,
	"kind" text NOT NULL,
	"review_years" integer,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"due_on" date NOT NULL,
	"targets" jsonb NOT NULL,
	"target_count" integer DEFAULT 0 NOT NULL,
	"sections" jsonb NOT NULL,
	"metrics" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"manual_metrics" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"instructions" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"cancelled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "report_requests_period_check" CHECK ("report_requests"."period_start" <= "report_requests"."period_end"),
	CONSTRAINT "report_requests_status_check" CHECK ("report_requests"."status" in ('open','cancelled'))
);
--> statement-breakpoint
CREATE TABLE "report_schedules" (
	"id" uuid PRIMARY KEY NOT NULL,
	"unit_id" uuid NOT NULL,
	"title" text NOT NULL,
	"recurrence" text NOT NULL,
	"starts_on" date NOT NULL,
	"due_days" integer DEFAULT 10 NOT NULL,
	"lead_days" integer DEFAULT 30 NOT NULL,
	"targets" jsonb NOT NULL,
	"sections" jsonb NOT NULL,
	"metrics" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"manual_metrics" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"instructions" text DEFAULT '' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_sums" (
	"request_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"metric" text NOT NULL,
	"shard" smallint NOT NULL,
	"value" double precision NOT NULL,
	CONSTRAINT "report_sums_request_id_unit_id_metric_shard_pk" PRIMARY KEY("request_id","unit_id","metric","shard")
);
--> statement-breakpoint
CREATE TABLE "report_versions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"report_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"event" text NOT NULL,
	"status" text NOT NULL,
	"sections" jsonb NOT NULL,
	"manual_values" jsonb NOT NULL,
	"snapshot" jsonb,
	"comment" text,
	"actor_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reports" (
	"id" uuid PRIMARY KEY NOT NULL,
	"request_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"original_unit_id" uuid NOT NULL,
	"role" text DEFAULT 'target' NOT NULL,
	"status" text DEFAULT 'not_started' NOT NULL,
	"counted" boolean DEFAULT true NOT NULL,
	"closed_reason" text,
	"folded_into_id" uuid,
	"sections" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"manual_values" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"signer_authority" text DEFAULT '' NOT NULL,
	"signer_title" text DEFAULT '' NOT NULL,
	"signer_name" text DEFAULT '' NOT NULL,
	"number" integer,
	"number_term" text,
	"issuer_code" text,
	"first_submitted_at" timestamp with time zone,
	"submitted_at" timestamp with time zone,
	"timeliness" text,
	"reviewed_at" timestamp with time zone,
	"reviewed_by" uuid,
	"review_comment" text,
	"snapshot" jsonb,
	"last_reminded_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "reports_role_check" CHECK ("reports"."role" in ('target','consolidation')),
	CONSTRAINT "reports_status_check" CHECK ("reports"."status" in ('not_started','draft','submitted','returned','accepted'))
);
--> statement-breakpoint
ALTER TABLE "report_requests" ADD CONSTRAINT "report_requests_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_requests" ADD CONSTRAINT "report_requests_schedule_id_report_schedules_id_fk" FOREIGN KEY ("schedule_id") REFERENCES "public"."report_schedules"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_schedules" ADD CONSTRAINT "report_schedules_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_versions" ADD CONSTRAINT "report_versions_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "report_requests_unit_idx" ON "report_requests" USING btree ("unit_id","period_end");--> statement-breakpoint
CREATE UNIQUE INDEX "report_requests_schedule_key" ON "report_requests" USING btree ("schedule_id","period_start");--> statement-breakpoint
CREATE INDEX "report_schedules_unit_idx" ON "report_schedules" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "report_versions_report_idx" ON "report_versions" USING btree ("report_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "reports_request_unit_key" ON "reports" USING btree ("request_id","unit_id");--> statement-breakpoint
CREATE INDEX "reports_unit_idx" ON "reports" USING btree ("unit_id");