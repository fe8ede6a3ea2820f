CREATE TABLE "duty_violations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"office_id" uuid,
	"year" integer NOT NULL,
	"month" integer NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"case_id" uuid NOT NULL,
	"clock_name" text DEFAULT '' NOT NULL,
	"evidence" jsonb NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"amount" integer NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"decided_by_id" uuid,
	"decided_at" timestamp with time zone,
	"decision_reason" text,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "monthly_summaries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"office_id" uuid,
	"year" integer NOT NULL,
	"month" integer NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"figures" jsonb,
	"public_content" jsonb,
	"drafted_at" timestamp with time zone NOT NULL,
	"approved_by_id" uuid,
	"approved_at" timestamp with time zone,
	"published_by_id" uuid,
	"published_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "problem_cases" (
	"problem_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"company_id" uuid NOT NULL,
	CONSTRAINT "problem_cases_problem_id_case_id_pk" PRIMARY KEY("problem_id","case_id")
);
--> statement-breakpoint
CREATE TABLE "problems" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"office_id" uuid,
	"community_id" uuid,
	"scope_type" text NOT NULL,
	"scope_id" uuid,
	"category_id" uuid,
	"title" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"detected_at" timestamp with time zone NOT NULL,
	"review_department_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"due_at" timestamp with time zone,
	"root_cause" text,
	"measures" text,
	"closed_at" timestamp with time zone,
	"closed_by_id" uuid,
	"cluster_key" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "quarterly_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"office_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"quarter" integer NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"service_content" jsonb,
	"finance_content" jsonb,
	"service_submitted_at" timestamp with time zone,
	"finance_submitted_at" timestamp with time zone,
	"chair_name" text,
	"chair_signed_at" timestamp with time zone,
	"director_signed_by_id" uuid,
	"director_signed_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"drafted_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "company_policies" ADD COLUMN "report_policy" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "duty_violations" ADD CONSTRAINT "duty_violations_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monthly_summaries" ADD CONSTRAINT "monthly_summaries_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problem_cases" ADD CONSTRAINT "problem_cases_problem_id_problems_id_fk" FOREIGN KEY ("problem_id") REFERENCES "public"."problems"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problem_cases" ADD CONSTRAINT "problem_cases_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problems" ADD CONSTRAINT "problems_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quarterly_reports" ADD CONSTRAINT "quarterly_reports_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "duty_violations_fact_uq" ON "duty_violations" USING btree ("case_id","kind","subject_id","clock_name");--> statement-breakpoint
CREATE INDEX "duty_violations_month_idx" ON "duty_violations" USING btree ("company_id","year","month");--> statement-breakpoint
CREATE UNIQUE INDEX "monthly_summaries_uq" ON "monthly_summaries" USING btree ("company_id",coalesce("office_id", '00000000-0000-0000-0000-000000000000'::uuid),"year","month");--> statement-breakpoint
CREATE INDEX "problem_cases_case_idx" ON "problem_cases" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "problems_company_status_idx" ON "problems" USING btree ("company_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "problems_open_cluster_uq" ON "problems" USING btree ("company_id","cluster_key") WHERE "problems"."status" = 'open';--> statement-breakpoint
CREATE UNIQUE INDEX "quarterly_reports_uq" ON "quarterly_reports" USING btree ("company_id","office_id","year","quarter");