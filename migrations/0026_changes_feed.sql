-- Issue 13: the change feed (/api/v1/changes) reads the audit log the one write path already
-- records, so there is no second bookkeeping to drift. A feed request finds where `since`
-- starts with one seek on this index (created_at, id), then walks the log by id (commit
-- order), which a write during paging can only extend at the end, never fill in behind.
CREATE INDEX audit_log_created ON audit_log (created_at, id);
