-- The archive is append-only (RECORD-1): no UPDATE or DELETE on case_timeline, ever.
CREATE OR REPLACE FUNCTION huiyin_refuse_timeline_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'case_timeline is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER case_timeline_append_only
  BEFORE UPDATE OR DELETE ON case_timeline
  FOR EACH ROW EXECUTE FUNCTION huiyin_refuse_timeline_change();
--> statement-breakpoint
CREATE TRIGGER case_timeline_no_truncate
  BEFORE TRUNCATE ON case_timeline
  FOR EACH STATEMENT EXECUTE FUNCTION huiyin_refuse_timeline_change();
