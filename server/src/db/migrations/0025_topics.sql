-- One name for the year's thematic topic (chuyên đề), issue 14 item 7: the table, its column in
-- study sessions, their constraints and indexes; stored files and audit rows of old name follow.
ALTER TABLE "themes" RENAME TO "topics";--> statement-breakpoint
ALTER TABLE "topics" RENAME CONSTRAINT "themes_unit_id_units_id_fk" TO "topics_unit_id_units_id_fk";--> statement-breakpoint
ALTER TABLE "topics" RENAME CONSTRAINT "themes_year_check" TO "topics_year_check";--> statement-breakpoint
ALTER TABLE "topics" RENAME CONSTRAINT "themes_pkey" TO "topics_pkey";--> statement-breakpoint
ALTER INDEX "themes_unit_year_key" RENAME TO "topics_unit_year_key";--> statement-breakpoint
ALTER INDEX "themes_year_idx" RENAME TO "topics_year_idx";--> statement-breakpoint
ALTER TABLE "study_sessions" RENAME COLUMN "theme_id" TO "topic_id";--> statement-breakpoint
ALTER TABLE "study_sessions" RENAME CONSTRAINT "study_sessions_theme_id_themes_id_fk" TO "study_sessions_topic_id_topics_id_fk";--> statement-breakpoint
ALTER INDEX "study_sessions_theme_idx" RENAME TO "study_sessions_topic_idx";--> statement-breakpoint
UPDATE "stored_files" SET "owner_type" = 'topic' WHERE "owner_type" = 'theme';--> statement-breakpoint
UPDATE "audit_log" SET "entity" = 'topic' WHERE "entity" = 'theme';--> statement-breakpoint
UPDATE "audit_log" SET "action" = 'topic.' || substr("action", 7) WHERE "action" LIKE 'theme.%';
