CREATE TABLE "booklet_items" (
	"booklet_id" uuid NOT NULL,
	"practice_id" uuid NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "booklet_items_booklet_id_practice_id_pk" PRIMARY KEY("booklet_id","practice_id")
);
--> statement-breakpoint
CREATE TABLE "booklets" (
	"id" uuid PRIMARY KEY NOT NULL,
	"unit_id" uuid NOT NULL,
	"title" text NOT NULL,
	"subtitle" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "exemplar_practices" (
	"exemplar_id" uuid NOT NULL,
	"practice_id" uuid NOT NULL,
	CONSTRAINT "exemplar_practices_exemplar_id_practice_id_pk" PRIMARY KEY("exemplar_id","practice_id")
);
--> statement-breakpoint
CREATE TABLE "exemplars" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"unit_id" uuid NOT NULL,
	"subject_unit_id" uuid,
	"person_id" uuid,
	"person_name" text,
	"person_unit_name" text,
	"title" text NOT NULL,
	"field_id" uuid NOT NULL,
	"story" text DEFAULT '' NOT NULL,
	"achievements" text DEFAULT '' NOT NULL,
	"registered_on" date NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"review_unit_id" uuid,
	"waiting_since" timestamp with time zone,
	"recognised_unit_id" uuid,
	"recognised_level" text,
	"recognised_on" date,
	"is_public" boolean DEFAULT false NOT NULL,
	"search_vector" "tsvector" DEFAULT ''::tsvector NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "exemplars_subject_check" CHECK (("exemplars"."kind" = 'collective' and "exemplars"."subject_unit_id" is not null) or ("exemplars"."kind" = 'individual' and ("exemplars"."person_id" is not null or "exemplars"."person_name" is not null)))
);
--> statement-breakpoint
CREATE TABLE "stored_files" (
	"id" uuid PRIMARY KEY NOT NULL,
	"owner_type" text NOT NULL,
	"owner_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"kind" text NOT NULL,
	"size" integer NOT NULL,
	"storage_key" text NOT NULL,
	"display_key" text,
	"thumb_key" text,
	"width" integer,
	"height" integer,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "adoptions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"practice_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"started_on" date NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"results" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "practices" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"results" text DEFAULT '' NOT NULL,
	"field_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"person_id" uuid,
	"started_on" date,
	"registered_on" date NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"review_unit_id" uuid,
	"waiting_since" timestamp with time zone,
	"recognised_unit_id" uuid,
	"recognised_level" text,
	"recognised_on" date,
	"is_public" boolean DEFAULT false NOT NULL,
	"search_vector" "tsvector" DEFAULT ''::tsvector NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "practices_person_check" CHECK ("practices"."kind" = 'individual' or "practices"."person_id" is null)
);
--> statement-breakpoint
CREATE TABLE "campaign_fields" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "review_steps" (
	"id" uuid PRIMARY KEY NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"action" text NOT NULL,
	"from_unit_id" uuid,
	"to_unit_id" uuid,
	"actor_id" uuid,
	"actor_name" text,
	"comment" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "booklet_items" ADD CONSTRAINT "booklet_items_booklet_id_booklets_id_fk" FOREIGN KEY ("booklet_id") REFERENCES "public"."booklets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booklet_items" ADD CONSTRAINT "booklet_items_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booklets" ADD CONSTRAINT "booklets_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exemplar_practices" ADD CONSTRAINT "exemplar_practices_exemplar_id_exemplars_id_fk" FOREIGN KEY ("exemplar_id") REFERENCES "public"."exemplars"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exemplar_practices" ADD CONSTRAINT "exemplar_practices_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exemplars" ADD CONSTRAINT "exemplars_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exemplars" ADD CONSTRAINT "exemplars_subject_unit_id_units_id_fk" FOREIGN KEY ("subject_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exemplars" ADD CONSTRAINT "exemplars_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exemplars" ADD CONSTRAINT "exemplars_field_id_campaign_fields_id_fk" FOREIGN KEY ("field_id") REFERENCES "public"."campaign_fields"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exemplars" ADD CONSTRAINT "exemplars_review_unit_id_units_id_fk" FOREIGN KEY ("review_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exemplars" ADD CONSTRAINT "exemplars_recognised_unit_id_units_id_fk" FOREIGN KEY ("recognised_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adoptions" ADD CONSTRAINT "adoptions_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adoptions" ADD CONSTRAINT "adoptions_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practices" ADD CONSTRAINT "practices_field_id_campaign_fields_id_fk" FOREIGN KEY ("field_id") REFERENCES "public"."campaign_fields"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practices" ADD CONSTRAINT "practices_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practices" ADD CONSTRAINT "practices_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practices" ADD CONSTRAINT "practices_review_unit_id_units_id_fk" FOREIGN KEY ("review_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practices" ADD CONSTRAINT "practices_recognised_unit_id_units_id_fk" FOREIGN KEY ("recognised_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_steps" ADD CONSTRAINT "review_steps_from_unit_id_units_id_fk" FOREIGN KEY ("from_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_steps" ADD CONSTRAINT "review_steps_to_unit_id_units_id_fk" FOREIGN KEY ("to_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "booklets_unit_idx" ON "booklets" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "exemplar_practices_practice_idx" ON "exemplar_practices" USING btree ("practice_id");--> statement-breakpoint
CREATE INDEX "exemplars_unit_idx" ON "exemplars" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "exemplars_queue_idx" ON "exemplars" USING btree ("review_unit_id","waiting_since");--> statement-breakpoint
CREATE INDEX "exemplars_status_idx" ON "exemplars" USING btree ("status","registered_on");--> statement-breakpoint
CREATE INDEX "exemplars_search_idx" ON "exemplars" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "stored_files_owner_idx" ON "stored_files" USING btree ("owner_type","owner_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "adoptions_practice_unit_key" ON "adoptions" USING btree ("practice_id","unit_id");--> statement-breakpoint
CREATE INDEX "adoptions_unit_idx" ON "adoptions" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "practices_unit_idx" ON "practices" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "practices_queue_idx" ON "practices" USING btree ("review_unit_id","waiting_since");--> statement-breakpoint
CREATE INDEX "practices_status_idx" ON "practices" USING btree ("status","registered_on");--> statement-breakpoint
CREATE INDEX "practices_search_idx" ON "practices" USING gin ("search_vector");--> statement-breakpoint
CREATE UNIQUE INDEX "campaign_fields_code_key" ON "campaign_fields" USING btree ("code");--> statement-breakpoint
CREATE INDEX "review_steps_subject_idx" ON "review_steps" USING btree ("subject_type","subject_id","at");--> statement-breakpoint
INSERT INTO "campaign_fields" ("id", "code", "name", "name_en", "sort_order") VALUES
  (gen_random_uuid(), 'party_building', 'Xây dựng Đảng và hệ thống chính trị', 'Party building and the political system', 10),
  (gen_random_uuid(), 'economy', 'Phát triển kinh tế', 'Economic development', 20),
  (gen_random_uuid(), 'culture_society', 'Văn hóa – xã hội', 'Culture and society', 30),
  (gen_random_uuid(), 'defence_security', 'Quốc phòng – an ninh', 'Defence and security', 40),
  (gen_random_uuid(), 'administrative_reform', 'Cải cách hành chính, chuyển đổi số', 'Administrative reform and digital transformation', 50),
  (gen_random_uuid(), 'education_health', 'Giáo dục, y tế', 'Education and health', 60),
  (gen_random_uuid(), 'environment', 'Bảo vệ môi trường', 'Environment', 70),
  (gen_random_uuid(), 'social_welfare', 'Dân vận, an sinh xã hội', 'Mass mobilisation and social welfare', 80);
