ALTER TABLE "company_policies" ADD COLUMN "report_policy_version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "company_policies" ADD COLUMN "report_policy_updated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "company_policies" ADD COLUMN "report_policy_updated_by_id" uuid;--> statement-breakpoint
ALTER TABLE "problems" ADD COLUMN "overdue_notified_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "problems_overdue_idx" ON "problems" USING btree ("due_at") WHERE "problems"."status" = 'open' and "problems"."overdue_notified_at" is null and "problems"."due_at" is not null;