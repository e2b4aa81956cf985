-- Two imports for overlapping regions of the same year (a county and its city) could both
-- pass the overlap check and both become active, counting households twice. The import's
-- activation batch now ends with an INSERT into this view counting the OTHER active
-- releases of that year that overlap it; D1 runs batches one after another, so the second
-- activation sees the first and its whole batch rolls back (a 409 at the edge).
CREATE VIEW register_overlap_guard AS SELECT 0 AS overlaps;
CREATE TRIGGER register_overlap_guard_check INSTEAD OF INSERT ON register_overlap_guard
WHEN NEW.overlaps > 0
BEGIN SELECT RAISE(ABORT, 'register_overlap: an overlapping release of the same year became active first'); END;
