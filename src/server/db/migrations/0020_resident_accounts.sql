CREATE TABLE "resident_accounts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"phone" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_sign_in_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "resident_bindings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"room_id" uuid NOT NULL,
	"status" text NOT NULL,
	"source" text NOT NULL,
	"reason" text,
	"decided_by_id" uuid,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "resident_login_codes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"phone" text NOT NULL,
	"code_hash" text NOT NULL,
	"address_hash" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "resident_sessions" (
	"id_hash" text PRIMARY KEY NOT NULL,
	"account_id" uuid NOT NULL,
	"company_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "companies" ADD COLUMN "code" text DEFAULT ('c' || substr(replace(gen_random_uuid()::text, '-', ''), 1, 11)) NOT NULL;--> statement-breakpoint
ALTER TABLE "resident_accounts" ADD CONSTRAINT "resident_accounts_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resident_bindings" ADD CONSTRAINT "resident_bindings_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resident_bindings" ADD CONSTRAINT "resident_bindings_account_id_resident_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."resident_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resident_bindings" ADD CONSTRAINT "resident_bindings_room_id_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."rooms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resident_bindings" ADD CONSTRAINT "resident_bindings_decided_by_id_users_id_fk" FOREIGN KEY ("decided_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resident_login_codes" ADD CONSTRAINT "resident_login_codes_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resident_sessions" ADD CONSTRAINT "resident_sessions_account_id_resident_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."resident_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resident_sessions" ADD CONSTRAINT "resident_sessions_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "resident_accounts_company_phone_uq" ON "resident_accounts" USING btree ("company_id","phone");--> statement-breakpoint
CREATE INDEX "resident_bindings_account_idx" ON "resident_bindings" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "resident_bindings_pending_idx" ON "resident_bindings" USING btree ("company_id","created_at") WHERE status = 'pending';--> statement-breakpoint
CREATE UNIQUE INDEX "resident_bindings_live_uq" ON "resident_bindings" USING btree ("account_id","room_id") WHERE status in ('pending', 'approved');--> statement-breakpoint
CREATE INDEX "resident_login_codes_phone_idx" ON "resident_login_codes" USING btree ("company_id","phone","created_at");--> statement-breakpoint
CREATE INDEX "resident_login_codes_address_idx" ON "resident_login_codes" USING btree ("address_hash","created_at");--> statement-breakpoint
CREATE INDEX "resident_sessions_account_idx" ON "resident_sessions" USING btree ("account_id");--> statement-breakpoint
ALTER TABLE "companies" ADD CONSTRAINT "companies_code_uq" UNIQUE("code");