-- Scale-out (issue 21): a scheduled job runs once per period across all servers that share this database.
-- platform.ClusterJobs claims a period by moving last_slot forward, in a transaction it holds open (with a
-- transaction-scoped advisory lock) for the whole run: if the server dies mid-run, the claim rolls back and
-- another server runs the period's job.
CREATE TABLE cluster_jobs (
    job             text PRIMARY KEY,
    last_slot       bigint NOT NULL,
    last_started_at timestamptz NOT NULL,
    instance        text NOT NULL
);
