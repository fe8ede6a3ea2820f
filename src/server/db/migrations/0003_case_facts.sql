ALTER TABLE "case_clocks" ADD COLUMN "stopped_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "about_employee_id" uuid;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "service_complaint" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "reply_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "closure" text;--> statement-breakpoint
ALTER TABLE "resident_phones" ADD COLUMN "position" integer DEFAULT 0 NOT NULL;