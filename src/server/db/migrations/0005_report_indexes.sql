CREATE INDEX "case_clocks_company_due_idx" ON "case_clocks" USING btree ("company_id","due_at");--> statement-breakpoint
CREATE INDEX "case_timeline_company_type_at_idx" ON "case_timeline" USING btree ("company_id","type","at");--> statement-breakpoint
CREATE INDEX "cases_company_office_id_idx" ON "cases" USING btree ("company_id","office_id","id","community_id");