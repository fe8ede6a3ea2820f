-- The sweeper and every action update case rows in place; free space on each page lets PostgreSQL keep the new
-- row version on the same page (a HOT update) and skip re-indexing all of the cases' indexes, GIN included.
ALTER TABLE cases SET (fillfactor = 90);
