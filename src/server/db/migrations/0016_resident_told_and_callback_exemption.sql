ALTER TABLE "cases" ADD COLUMN "resident_told_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "company_policies" ADD COLUMN "callback_exempt_kinds" jsonb;