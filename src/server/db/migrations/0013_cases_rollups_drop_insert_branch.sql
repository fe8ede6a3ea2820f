-- The cases' insert trigger runs per statement since 0012 (huiyin_cases_month_rollups_inserted): the row function
-- keeps only what its UPDATE and DELETE triggers call.
CREATE OR REPLACE FUNCTION huiyin_cases_month_rollups() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
	v_old uuid;
	v_new uuid;
BEGIN
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
