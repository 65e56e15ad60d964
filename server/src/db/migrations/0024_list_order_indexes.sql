CREATE INDEX "booklets_recent_idx" ON "booklets" USING btree ("updated_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "commendation_decisions_list_idx" ON "commendation_decisions" USING btree (("status" = 'draft') desc,"issued_on" DESC NULLS LAST,"number" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "commendation_decisions_issued_idx" ON "commendation_decisions" USING btree ("issued_on" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE "commendation_decisions"."status" <> 'draft';--> statement-breakpoint
CREATE INDEX "commendation_proposals_recent_idx" ON "commendation_proposals" USING btree ("updated_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "commendation_proposals_approved_idx" ON "commendation_proposals" USING btree ("approved_unit_id");--> statement-breakpoint
CREATE INDEX "exemplars_recent_idx" ON "exemplars" USING btree ("registered_on" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "exemplars_public_idx" ON "exemplars" USING btree ("recognised_on" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE "exemplars"."status" = 'recognised' and "exemplars"."is_public";--> statement-breakpoint
CREATE INDEX "library_documents_issued_idx" ON "library_documents" USING btree ("issued_on","id");--> statement-breakpoint
CREATE INDEX "adoptions_started_idx" ON "adoptions" USING btree ("started_on");--> statement-breakpoint
CREATE INDEX "practices_registered_idx" ON "practices" USING btree ("registered_on","id");--> statement-breakpoint
CREATE INDEX "practices_public_idx" ON "practices" USING btree ("recognised_on","id") WHERE "practices"."status" = 'recognised' and "practices"."is_public";--> statement-breakpoint
CREATE INDEX "report_requests_period_idx" ON "report_requests" USING btree ("period_end","id");--> statement-breakpoint
CREATE INDEX "study_sessions_held_idx" ON "study_sessions" USING btree ("held_on","id");--> statement-breakpoint
CREATE INDEX "units_depth_path_idx" ON "units" USING btree ("depth","path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "units_depth_sort_idx" ON "units" USING btree ("depth","sort_key","id");