-- The paid-repair callback rate (REPORT-8) counts a private repair in the month of its last resolution and as called
-- back once an answered callback follows it, whenever it comes: such a callback changes the resolution's month too,
-- so it touches that month's kept events row as well as its own (docs/adr/0011-finished-month-rollups.md).
CREATE OR REPLACE FUNCTION huiyin_timeline_month_rollups() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	PERFORM huiyin_month_rollup_touch('events', NEW.company_id, NEW.at, NEW.case_id);
	IF NEW.type = 'callback' AND NEW.data->>'reached' = 'true' THEN
		PERFORM huiyin_month_rollup_touch('events', NEW.company_id,
			(SELECT max(r.at) FROM case_timeline r WHERE r.case_id = NEW.case_id AND r.type = 'resolved'), NEW.case_id);
	END IF;
	RETURN NULL;
END $$;
--> statement-breakpoint
-- Kept events rows computed before carry no paid-repair counts: computed again on their next read.
DELETE FROM "report_month_rollups" WHERE "part" = 'events';
