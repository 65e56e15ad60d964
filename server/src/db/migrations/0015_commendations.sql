CREATE TABLE "commendation_decisions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"unit_id" uuid NOT NULL,
	"proposal_id" uuid,
	"corrects_id" uuid,
	"corrected_by_id" uuid,
	"form_id" uuid NOT NULL,
	"period_start" integer NOT NULL,
	"period_end" integer NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"preamble" text DEFAULT '' NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"correction_reason" text,
	"recipients_text" text DEFAULT '' NOT NULL,
	"signer_authority" text DEFAULT '' NOT NULL,
	"signer_title" text DEFAULT '' NOT NULL,
	"signer_name" text DEFAULT '' NOT NULL,
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
	CONSTRAINT "commendation_decisions_issued_check" CHECK ("commendation_decisions"."status" = 'draft' or ("commendation_decisions"."number" is not null and "commendation_decisions"."issued_on" is not null and "commendation_decisions"."number_term" is not null)),
	CONSTRAINT "commendation_decisions_period_check" CHECK ("commendation_decisions"."period_start" <= "commendation_decisions"."period_end")
);
--> statement-breakpoint
CREATE TABLE "commendation_forms" (
	"id" uuid PRIMARY KEY NOT NULL,
	"unit_id" uuid,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text NOT NULL,
	"rank" integer NOT NULL,
	"issuer_kinds" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"recipient_kinds" jsonb DEFAULT '["collective","individual"]'::jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "commendation_forms_unit_code_key" UNIQUE NULLS NOT DISTINCT("unit_id","code"),
	CONSTRAINT "commendation_forms_rank_check" CHECK ("commendation_forms"."rank" between 0 and 1000)
);
--> statement-breakpoint
CREATE TABLE "commendation_proposals" (
	"id" uuid PRIMARY KEY NOT NULL,
	"unit_id" uuid NOT NULL,
	"form_id" uuid NOT NULL,
	"period_start" integer NOT NULL,
	"period_end" integer NOT NULL,
	"title" text NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"review_unit_id" uuid,
	"waiting_since" timestamp with time zone,
	"approved_unit_id" uuid,
	"approved_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "commendation_proposals_period_check" CHECK ("commendation_proposals"."period_start" <= "commendation_proposals"."period_end")
);
--> statement-breakpoint
CREATE TABLE "commendation_steps" (
	"id" uuid PRIMARY KEY NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"action" text NOT NULL,
	"from_unit_id" uuid,
	"to_unit_id" uuid,
	"actor_id" uuid,
	"actor_name" text,
	"comment" text,
	"details" jsonb,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "commendation_decision_recipients" (
	"id" uuid PRIMARY KEY NOT NULL,
	"position" integer NOT NULL,
	"kind" text NOT NULL,
	"subject_unit_id" uuid,
	"person_id" uuid,
	"name" text NOT NULL,
	"unit_label" text DEFAULT '' NOT NULL,
	"unit_id" uuid NOT NULL,
	"achievement" text DEFAULT '' NOT NULL,
	"links" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"decision_id" uuid NOT NULL,
	"proposal_recipient_id" uuid
);
--> statement-breakpoint
CREATE TABLE "commendation_proposal_recipients" (
	"id" uuid PRIMARY KEY NOT NULL,
	"position" integer NOT NULL,
	"kind" text NOT NULL,
	"subject_unit_id" uuid,
	"person_id" uuid,
	"name" text NOT NULL,
	"unit_label" text DEFAULT '' NOT NULL,
	"unit_id" uuid NOT NULL,
	"achievement" text DEFAULT '' NOT NULL,
	"links" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"proposal_id" uuid NOT NULL,
	"status" text DEFAULT 'proposed' NOT NULL,
	"trim_reason" text,
	"trimmed_at" timestamp with time zone,
	"trimmed_unit_id" uuid,
	"trimmed_by" text,
	CONSTRAINT "commendation_proposal_recipients_subject_check" CHECK (("commendation_proposal_recipients"."kind" = 'collective' and "commendation_proposal_recipients"."subject_unit_id" is not null and "commendation_proposal_recipients"."person_id" is null) or ("commendation_proposal_recipients"."kind" = 'individual' and "commendation_proposal_recipients"."subject_unit_id" is null))
);
--> statement-breakpoint
ALTER TABLE "commendation_decisions" ADD CONSTRAINT "commendation_decisions_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commendation_decisions" ADD CONSTRAINT "commendation_decisions_proposal_id_commendation_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."commendation_proposals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commendation_decisions" ADD CONSTRAINT "commendation_decisions_corrects_id_commendation_decisions_id_fk" FOREIGN KEY ("corrects_id") REFERENCES "public"."commendation_decisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commendation_decisions" ADD CONSTRAINT "commendation_decisions_corrected_by_id_commendation_decisions_id_fk" FOREIGN KEY ("corrected_by_id") REFERENCES "public"."commendation_decisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commendation_decisions" ADD CONSTRAINT "commendation_decisions_form_id_commendation_forms_id_fk" FOREIGN KEY ("form_id") REFERENCES "public"."commendation_forms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commendation_forms" ADD CONSTRAINT "commendation_forms_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commendation_proposals" ADD CONSTRAINT "commendation_proposals_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commendation_proposals" ADD CONSTRAINT "commendation_proposals_form_id_commendation_forms_id_fk" FOREIGN KEY ("form_id") REFERENCES "public"."commendation_forms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commendation_proposals" ADD CONSTRAINT "commendation_proposals_review_unit_id_units_id_fk" FOREIGN KEY ("review_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commendation_proposals" ADD CONSTRAINT "commendation_proposals_approved_unit_id_units_id_fk" FOREIGN KEY ("approved_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commendation_steps" ADD CONSTRAINT "commendation_steps_from_unit_id_units_id_fk" FOREIGN KEY ("from_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commendation_steps" ADD CONSTRAINT "commendation_steps_to_unit_id_units_id_fk" FOREIGN KEY ("to_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commendation_decision_recipients" ADD CONSTRAINT "commendation_decision_recipients_subject_unit_id_units_id_fk" FOREIGN KEY ("subject_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commendation_decision_recipients" ADD CONSTRAINT "commendation_decision_recipients_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commendation_decision_recipients" ADD CONSTRAINT "commendation_decision_recipients_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commendation_decision_recipients" ADD CONSTRAINT "commendation_decision_recipients_decision_id_commendation_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."commendation_decisions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commendation_decision_recipients" ADD CONSTRAINT "commendation_decision_recipients_proposal_recipient_id_commendation_proposal_recipients_id_fk" FOREIGN KEY ("proposal_recipient_id") REFERENCES "public"."commendation_proposal_recipients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commendation_proposal_recipients" ADD CONSTRAINT "commendation_proposal_recipients_subject_unit_id_units_id_fk" FOREIGN KEY ("subject_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commendation_proposal_recipients" ADD CONSTRAINT "commendation_proposal_recipients_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commendation_proposal_recipients" ADD CONSTRAINT "commendation_proposal_recipients_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commendation_proposal_recipients" ADD CONSTRAINT "commendation_proposal_recipients_proposal_id_commendation_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."commendation_proposals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commendation_proposal_recipients" ADD CONSTRAINT "commendation_proposal_recipients_trimmed_unit_id_units_id_fk" FOREIGN KEY ("trimmed_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "commendation_decisions_unit_idx" ON "commendation_decisions" USING btree ("unit_id","status","issued_on");--> statement-breakpoint
CREATE INDEX "commendation_decisions_proposal_idx" ON "commendation_decisions" USING btree ("proposal_id");--> statement-breakpoint
CREATE UNIQUE INDEX "commendation_decisions_number_key" ON "commendation_decisions" USING btree ("unit_id","number_term","number");--> statement-breakpoint
CREATE UNIQUE INDEX "commendation_decisions_corrects_key" ON "commendation_decisions" USING btree ("corrects_id");--> statement-breakpoint
CREATE INDEX "commendation_proposals_unit_idx" ON "commendation_proposals" USING btree ("unit_id","status");--> statement-breakpoint
CREATE INDEX "commendation_proposals_queue_idx" ON "commendation_proposals" USING btree ("review_unit_id","waiting_since");--> statement-breakpoint
CREATE INDEX "commendation_steps_subject_idx" ON "commendation_steps" USING btree ("subject_type","subject_id","at");--> statement-breakpoint
CREATE INDEX "commendation_decision_recipients_decision_idx" ON "commendation_decision_recipients" USING btree ("decision_id","position");--> statement-breakpoint
CREATE INDEX "commendation_decision_recipients_person_idx" ON "commendation_decision_recipients" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "commendation_decision_recipients_unit_idx" ON "commendation_decision_recipients" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "commendation_decision_recipients_subject_idx" ON "commendation_decision_recipients" USING btree ("subject_unit_id");--> statement-breakpoint
CREATE INDEX "commendation_proposal_recipients_proposal_idx" ON "commendation_proposal_recipients" USING btree ("proposal_id","position");--> statement-breakpoint
CREATE INDEX "commendation_proposal_recipients_person_idx" ON "commendation_proposal_recipients" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "commendation_proposal_recipients_unit_idx" ON "commendation_proposal_recipients" USING btree ("subject_unit_id");--> statement-breakpoint
INSERT INTO "commendation_forms" ("id", "code", "name", "name_en", "rank", "issuer_kinds", "recipient_kinds") VALUES
  (gen_random_uuid(), 'praise', 'Biểu dương', 'Praise', 10, '["cell","grassroots","commune","bloc","province","central"]', '["collective","individual"]'),
  (gen_random_uuid(), 'merit', 'Giấy khen', 'Certificate of merit', 20, '["grassroots","commune","bloc"]', '["collective","individual"]'),
  (gen_random_uuid(), 'commendation', 'Bằng khen', 'Certificate of commendation', 30, '["province","central"]', '["collective","individual"]'),
  (gen_random_uuid(), 'banner', 'Cờ thi đua', 'Emulation banner', 40, '["province","central"]', '["collective"]'),
  (gen_random_uuid(), 'badge', 'Huy hiệu Đảng', 'Party membership badge', 50, '["province","central"]', '["individual"]');
