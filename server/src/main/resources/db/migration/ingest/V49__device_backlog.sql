-- What an edge agent last said waits on its unit, and when the agent started (the start of its shift),
-- for the cameras page: a unit whose shift started without a passing check is flagged.
ALTER TABLE devices
    ADD COLUMN agent_started_at    timestamptz,
    ADD COLUMN backlog_reads       bigint,
    ADD COLUMN backlog_refused     bigint,
    ADD COLUMN backlog_oldest_at   timestamptz,
    ADD COLUMN backlog_reported_at timestamptz;
