-- Finished months' report counts, kept so a dashboard or a summary read does not rescan a month (or a year) of
-- cases, clocks and timeline entries (docs/adr/0011-finished-month-rollups.md; read and written only by
-- src/server/reports/month-rollups.ts).
--
-- A row per company, local month and part: the dashboard's trend for the whole company, or one of the monthly
-- summary's grouped counts (received, clocks, events) for one office or the whole company. It holds the counts as
-- computed and the snapshot of the statement that computed them. Triggers record every later write that touches
-- a month with a row (report_month_rollup_changes: where it counts, what it changed, the case's office, the
-- writer's transaction id); a row is fresh while every change relevant to it is visible in its snapshot. Plain
-- tables, not in schema.ts: Drizzle has no pg_snapshot or xid8 type.
CREATE TABLE "report_month_rollups" (
	"company_id" uuid NOT NULL REFERENCES "companies"("id") ON DELETE CASCADE,
	"year" integer NOT NULL,
	"month" integer NOT NULL,
	-- trend | received | clocks | events
	"part" text NOT NULL,
	-- the summary's office; the nil uuid: the whole company
	"office_key" uuid NOT NULL,
	"period_start" timestamp with time zone NOT NULL,
	"period_end" timestamp with time zone NOT NULL,
	-- the transactions writing cases, clocks or timeline entries just after the row was committed (virtual ids):
	-- one of them may have missed the row, so it is computed only once they have all ended
	"created_lockers" text[],
	-- the snapshot the counts were computed in; null until computed
	"computed_snapshot" pg_snapshot,
	"computed_at" timestamp with time zone,
	"data" jsonb,
	PRIMARY KEY ("company_id", "year", "month", "part", "office_key")
);
--> statement-breakpoint
-- The triggers' probe: a write in the current month finds no row ending after it in one index descent, however many
-- months and parts are kept.
CREATE INDEX "report_month_rollups_end_idx" ON "report_month_rollups" ("company_id", "period_end");
--> statement-breakpoint
CREATE TABLE "report_month_rollup_changes" (
	"company_id" uuid NOT NULL,
	-- where the change counts: a case's received_at, a clock's due_at, an entry's at
	"at" timestamp with time zone NOT NULL,
	-- cases | clocks | events
	"source" text NOT NULL,
	-- the case's office (the nil uuid: none); null when the case was not found (any office)
	"office_id" uuid,
	"xid" xid8 NOT NULL DEFAULT pg_current_xact_id()
);
--> statement-breakpoint
CREATE INDEX "report_month_rollup_changes_at_idx" ON "report_month_rollup_changes" ("company_id", "at");
--> statement-breakpoint
-- Records a change of `p_source` at `p_at` for the office `p_office` when a kept month covers it. A month nothing is
-- kept for (the current one: every intake, every action) costs one index descent.
CREATE FUNCTION huiyin_month_rollup_note(p_source text, p_company uuid, p_at timestamptz, p_office uuid)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
	IF p_at IS NOT NULL AND EXISTS (SELECT 1 FROM report_month_rollups r
	           WHERE r.company_id = p_company AND r.period_start <= p_at AND p_at < r.period_end) THEN
		INSERT INTO report_month_rollup_changes (company_id, at, source, office_id)
		VALUES (p_company, p_at, p_source, p_office);
	END IF;
END $$;
--> statement-breakpoint
-- The same for a clock or an entry: the office is its case's, looked up only when a kept month covers `p_at`.
CREATE FUNCTION huiyin_month_rollup_touch(p_source text, p_company uuid, p_at timestamptz, p_case uuid)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
	v_office uuid;
BEGIN
	IF p_at IS NULL OR NOT EXISTS (SELECT 1 FROM report_month_rollups r
	           WHERE r.company_id = p_company AND r.period_start <= p_at AND p_at < r.period_end) THEN
		RETURN;
	END IF;
	SELECT coalesce(c.office_id, '00000000-0000-0000-0000-000000000000') INTO v_office FROM cases c WHERE c.id = p_case;
	INSERT INTO report_month_rollup_changes (company_id, at, source, office_id)
	VALUES (p_company, p_at, p_source, v_office);
END $$;
--> statement-breakpoint
-- Cases: a case counts in the month of its received_at by kind, category, channel, severity, validity, office and
-- community; its clocks and entries count under its office and community, so moving or deleting a case touches
-- their months as well.
CREATE FUNCTION huiyin_cases_month_rollups() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
	v_old uuid;
	v_new uuid;
BEGIN
	IF TG_OP = 'INSERT' THEN
		-- inlined: this runs on every intake
		IF EXISTS (SELECT 1 FROM report_month_rollups r WHERE r.company_id = NEW.company_id
		           AND r.period_start <= NEW.received_at AND NEW.received_at < r.period_end) THEN
			INSERT INTO report_month_rollup_changes (company_id, at, source, office_id)
			VALUES (NEW.company_id, NEW.received_at, 'cases', coalesce(NEW.office_id, '00000000-0000-0000-0000-000000000000'));
		END IF;
		RETURN NULL;
	END IF;
	v_old := coalesce(OLD.office_id, '00000000-0000-0000-0000-000000000000');
	PERFORM huiyin_month_rollup_note('cases', OLD.company_id, OLD.received_at, v_old);
	IF TG_OP = 'UPDATE' THEN
		v_new := coalesce(NEW.office_id, '00000000-0000-0000-0000-000000000000');
		PERFORM huiyin_month_rollup_note('cases', NEW.company_id, NEW.received_at, v_new);
		IF OLD.company_id IS DISTINCT FROM NEW.company_id OR OLD.office_id IS DISTINCT FROM NEW.office_id
		   OR OLD.community_id IS DISTINCT FROM NEW.community_id THEN
			PERFORM huiyin_month_rollup_note('clocks', k.company_id, k.due_at, o.office)
			FROM case_clocks k, (VALUES (v_old), (v_new)) AS o(office) WHERE k.case_id = OLD.id;
			PERFORM huiyin_month_rollup_note('events', t.company_id, t.at, o.office)
			FROM case_timeline t, (VALUES (v_old), (v_new)) AS o(office)
			WHERE t.case_id = OLD.id AND t.type IN ('callback', 'reopened', 'resolved');
		END IF;
	ELSE
		-- the clocks went with the case (their own trigger); the entries stay and lose their case
		PERFORM huiyin_month_rollup_note('events', t.company_id, t.at, v_old)
		FROM case_timeline t WHERE t.case_id = OLD.id AND t.type IN ('callback', 'reopened', 'resolved');
	END IF;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "cases_month_rollups_insert" AFTER INSERT ON "cases"
	FOR EACH ROW EXECUTE FUNCTION huiyin_cases_month_rollups();
--> statement-breakpoint
-- Only the columns the counts group or filter by: the sweeper's and the actions' other updates never call it.
CREATE TRIGGER "cases_month_rollups_update"
	AFTER UPDATE OF "company_id", "received_at", "kind", "category_id", "channel", "severity", "invalid",
		"merged_into_id", "office_id", "community_id" ON "cases"
	FOR EACH ROW
	WHEN (OLD.company_id IS DISTINCT FROM NEW.company_id OR OLD.received_at IS DISTINCT FROM NEW.received_at
	      OR OLD.kind IS DISTINCT FROM NEW.kind OR OLD.category_id IS DISTINCT FROM NEW.category_id
	      OR OLD.channel IS DISTINCT FROM NEW.channel OR OLD.severity IS DISTINCT FROM NEW.severity
	      OR OLD.invalid IS DISTINCT FROM NEW.invalid OR OLD.merged_into_id IS DISTINCT FROM NEW.merged_into_id
	      OR OLD.office_id IS DISTINCT FROM NEW.office_id OR OLD.community_id IS DISTINCT FROM NEW.community_id)
	EXECUTE FUNCTION huiyin_cases_month_rollups();
--> statement-breakpoint
CREATE TRIGGER "cases_month_rollups_delete" AFTER DELETE ON "cases"
	FOR EACH ROW EXECUTE FUNCTION huiyin_cases_month_rollups();
--> statement-breakpoint
-- Clocks: a clock counts in the month of its due_at by name, met, breached, stopped and paused.
CREATE FUNCTION huiyin_clocks_month_rollups() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'INSERT' THEN
		-- statement level: one call per intake, whatever its number of clocks
		INSERT INTO report_month_rollup_changes (company_id, at, source, office_id)
		SELECT n.company_id, n.due_at, 'clocks',
			(SELECT coalesce(c.office_id, '00000000-0000-0000-0000-000000000000') FROM cases c WHERE c.id = n.case_id)
		FROM inserted n
		WHERE EXISTS (SELECT 1 FROM report_month_rollups r WHERE r.company_id = n.company_id
		              AND r.period_start <= n.due_at AND n.due_at < r.period_end);
		RETURN NULL;
	END IF;
	PERFORM huiyin_month_rollup_touch('clocks', OLD.company_id, OLD.due_at, OLD.case_id);
	IF TG_OP = 'UPDATE' THEN
		PERFORM huiyin_month_rollup_touch('clocks', NEW.company_id, NEW.due_at, NEW.case_id);
	END IF;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "case_clocks_month_rollups_insert" AFTER INSERT ON "case_clocks"
	REFERENCING NEW TABLE AS inserted
	FOR EACH STATEMENT EXECUTE FUNCTION huiyin_clocks_month_rollups();
--> statement-breakpoint
-- The sweeper's warnings (warned_at, next_check_at) never call it; a breach does.
CREATE TRIGGER "case_clocks_month_rollups_update"
	AFTER UPDATE OF "company_id", "case_id", "name", "due_at", "met_at", "breached_at", "stopped_at", "paused_at"
	ON "case_clocks"
	FOR EACH ROW
	WHEN (OLD.company_id IS DISTINCT FROM NEW.company_id OR OLD.case_id IS DISTINCT FROM NEW.case_id
	      OR OLD.name IS DISTINCT FROM NEW.name OR OLD.due_at IS DISTINCT FROM NEW.due_at
	      OR OLD.met_at IS DISTINCT FROM NEW.met_at OR OLD.breached_at IS DISTINCT FROM NEW.breached_at
	      OR OLD.stopped_at IS DISTINCT FROM NEW.stopped_at OR OLD.paused_at IS DISTINCT FROM NEW.paused_at)
	EXECUTE FUNCTION huiyin_clocks_month_rollups();
--> statement-breakpoint
CREATE TRIGGER "case_clocks_month_rollups_delete" AFTER DELETE ON "case_clocks"
	FOR EACH ROW EXECUTE FUNCTION huiyin_clocks_month_rollups();
--> statement-breakpoint
-- The timeline is append-only (0002): an entry appended is the only change it brings to a month.
CREATE FUNCTION huiyin_timeline_month_rollups() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	PERFORM huiyin_month_rollup_touch('events', NEW.company_id, NEW.at, NEW.case_id);
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "case_timeline_month_rollups" AFTER INSERT ON "case_timeline"
	FOR EACH ROW WHEN (NEW.type IN ('callback', 'reopened', 'resolved'))
	EXECUTE FUNCTION huiyin_timeline_month_rollups();
