CREATE TABLE "deadlines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"office_id" uuid,
	"kind" text NOT NULL,
	"key" text NOT NULL,
	"subject_id" uuid,
	"name" text NOT NULL,
	"label" text NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"remind_at" timestamp with time zone[] DEFAULT '{}' NOT NULL,
	"reminders_sent" integer DEFAULT 0 NOT NULL,
	"warned_at" timestamp with time zone,
	"breached_at" timestamp with time zone,
	"met_at" timestamp with time zone,
	"stopped_at" timestamp with time zone,
	"paused_at" timestamp with time zone,
	"tier" integer DEFAULT 0 NOT NULL,
	"next_check_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "deadlines" ADD CONSTRAINT "deadlines_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deadlines" ADD CONSTRAINT "deadlines_office_id_offices_id_fk" FOREIGN KEY ("office_id") REFERENCES "public"."offices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "deadlines_kind_key_uq" ON "deadlines" USING btree ("company_id","kind","key");--> statement-breakpoint
CREATE INDEX "deadlines_next_check_idx" ON "deadlines" USING btree ("next_check_at") WHERE "deadlines"."next_check_at" is not null;--> statement-breakpoint
CREATE INDEX "deadlines_company_due_idx" ON "deadlines" USING btree ("company_id","due_at") WHERE "deadlines"."met_at" is null and "deadlines"."stopped_at" is null;