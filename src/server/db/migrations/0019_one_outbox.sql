-- One outbox for everyone (MSG-1…9, docs/adr/0025-one-outbox.md): messages per channel to a user, a resident account or a
-- bare phone, their attempts, each company's senders and switches, the development sender's store, and the offices'
-- desk hours and on-call phone. notification_outbox was never written in production: dropped, nothing to move.
CREATE TABLE "dev_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"message_id" uuid NOT NULL,
	"idempotency_key" text NOT NULL,
	"type" text NOT NULL,
	"channel" text NOT NULL,
	"recipient" jsonb NOT NULL,
	"params" jsonb NOT NULL,
	"text" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "message_senders" (
	"company_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"provider" text NOT NULL,
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"secret" text,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by_id" uuid,
	CONSTRAINT "message_senders_company_id_channel_pk" PRIMARY KEY("company_id","channel")
);
--> statement-breakpoint
CREATE TABLE "message_settings" (
	"company_id" uuid PRIMARY KEY NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by_id" uuid
);
--> statement-breakpoint
CREATE TABLE "message_type_channels" (
	"company_id" uuid NOT NULL,
	"type" text NOT NULL,
	"channel" text NOT NULL,
	"enabled" boolean DEFAULT false NOT NULL,
	"template" jsonb,
	CONSTRAINT "message_type_channels_company_id_type_channel_pk" PRIMARY KEY("company_id","type","channel")
);
--> statement-breakpoint
CREATE TABLE "outbox_attempts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"message_id" uuid NOT NULL,
	"company_id" uuid NOT NULL,
	"attempt" integer NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone NOT NULL,
	"outcome" text NOT NULL,
	"code" text NOT NULL,
	"http_status" integer,
	"provider_message_id" text,
	"detail" text
);
--> statement-breakpoint
CREATE TABLE "outbox_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"type" text NOT NULL,
	"channel" text NOT NULL,
	"recipient_kind" text NOT NULL,
	"user_id" uuid,
	"resident_account_id" uuid,
	"phone" text,
	"case_id" uuid,
	"notification_id" uuid,
	"params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"locale" text DEFAULT 'zh-CN' NOT NULL,
	"idempotency_key" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"last_code" text,
	"last_attempt_at" timestamp with time zone,
	"sent_at" timestamp with time zone,
	"provider_message_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "outbox_messages_recipient_ck" CHECK (("outbox_messages"."recipient_kind" = 'user' and "outbox_messages"."user_id" is not null and "outbox_messages"."resident_account_id" is null and "outbox_messages"."phone" is null)
        or ("outbox_messages"."recipient_kind" = 'resident' and "outbox_messages"."user_id" is null and "outbox_messages"."resident_account_id" is not null and "outbox_messages"."phone" is null)
        or ("outbox_messages"."recipient_kind" = 'phone' and "outbox_messages"."user_id" is null and "outbox_messages"."resident_account_id" is null and "outbox_messages"."phone" is not null)),
	CONSTRAINT "outbox_messages_channel_ck" CHECK ("outbox_messages"."channel" in ('sms', 'webhook')),
	CONSTRAINT "outbox_messages_status_ck" CHECK ("outbox_messages"."status" in ('pending', 'sending', 'sent', 'failed', 'expired', 'cancelled'))
);
--> statement-breakpoint
DROP TABLE "notification_outbox" CASCADE;--> statement-breakpoint
ALTER TABLE "offices" ADD COLUMN "desk_opens" text DEFAULT '08:00' NOT NULL;--> statement-breakpoint
ALTER TABLE "offices" ADD COLUMN "desk_closes" text DEFAULT '20:00' NOT NULL;--> statement-breakpoint
ALTER TABLE "offices" ADD COLUMN "on_call_phone" text;--> statement-breakpoint
ALTER TABLE "dev_messages" ADD CONSTRAINT "dev_messages_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_senders" ADD CONSTRAINT "message_senders_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_settings" ADD CONSTRAINT "message_settings_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_type_channels" ADD CONSTRAINT "message_type_channels_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox_attempts" ADD CONSTRAINT "outbox_attempts_message_id_outbox_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."outbox_messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox_attempts" ADD CONSTRAINT "outbox_attempts_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox_messages" ADD CONSTRAINT "outbox_messages_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox_messages" ADD CONSTRAINT "outbox_messages_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox_messages" ADD CONSTRAINT "outbox_messages_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox_messages" ADD CONSTRAINT "outbox_messages_notification_id_notifications_id_fk" FOREIGN KEY ("notification_id") REFERENCES "public"."notifications"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "dev_messages_key_uq" ON "dev_messages" USING btree ("idempotency_key");--> statement-breakpoint
CREATE INDEX "dev_messages_company_idx" ON "dev_messages" USING btree ("company_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "outbox_attempts_message_attempt_uq" ON "outbox_attempts" USING btree ("message_id","attempt");--> statement-breakpoint
CREATE UNIQUE INDEX "outbox_messages_key_uq" ON "outbox_messages" USING btree ("company_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "outbox_due_idx" ON "outbox_messages" USING btree ("next_attempt_at") WHERE "outbox_messages"."status" in ('pending', 'sending');--> statement-breakpoint
CREATE INDEX "outbox_messages_list_idx" ON "outbox_messages" USING btree ("company_id","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "outbox_messages_case_idx" ON "outbox_messages" USING btree ("case_id");