DROP INDEX "case_timeline_company_type_at_idx";--> statement-breakpoint
CREATE INDEX "cases_company_received_trend_idx" ON "cases" USING btree ("company_id","received_at","kind","invalid","merged_into_id","office_id","community_id");--> statement-breakpoint
CREATE INDEX "case_timeline_company_type_at_idx" ON "case_timeline" USING btree ("company_id","type","at","case_id");