-- Issue 13: the change feed (/api/v1/changes) reads the audit log the one write path already
-- records, so there is no second bookkeeping to drift. A feed request finds where `since`
-- starts with one seek on this index (created_at, id), then walks the log by id (commit
-- order), which a write during paging can only extend at the end, never fill in behind.
CREATE INDEX audit_log_created ON audit_log (created_at, id);

-- updated_since= on the lists whose rows carry updated_at: rows changed at or after an
-- instant, in change order (updated_at, id), walked on these indexes from the cursor on.
CREATE INDEX notices_updated ON notices (updated_at, id);
CREATE INDEX fund_projects_updated ON fund_projects (updated_at, id);
