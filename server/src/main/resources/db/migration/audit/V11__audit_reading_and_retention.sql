-- Issue 6, audit: reading the log by action, and its retention stated where a DBA will see it.
CREATE INDEX audit_events_action_idx ON audit_events (action, occurred_at);

COMMENT ON TABLE audit_events IS
    'Hash-chained access log (Civil Code 1798.90.52, CJIS 5.4). Append-only: UPDATE/DELETE/TRUNCATE are '
    'revoked from the application role and refused by trigger. Kept at least as long as the department '
    'profile''s auditLogRetention (never under one year); no Platewatch job deletes from it, and detection '
    'purges drop detection partitions only.';
