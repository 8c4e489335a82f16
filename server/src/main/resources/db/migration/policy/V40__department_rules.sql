-- Issue 17: the rules of the department profile that the database itself enforces. The application
-- role may read them but not change them: the schema owner writes the row after every migration run
-- (policy.DepartmentRulesCallback), from the profile in force. So a bug in the application, or its stolen
-- credential, cannot drop a detection partition or delete audit records that are not yet due.
CREATE TABLE department_rules (
    singleton            boolean     PRIMARY KEY DEFAULT true CHECK (singleton),
    profile              text        NOT NULL,
    zone                 text        NOT NULL,
    -- null: kept indefinitely
    detection_retention  interval,
    audit_log_retention  interval    NOT NULL CHECK (audit_log_retention >= interval '1 year'),
    written_at           timestamptz NOT NULL
);
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON department_rules FROM "${appRole}";

-- The local date in the department's zone on which everything in the UTC day partition `day` is due:
-- the retention added to the latest local day the partition holds (the zone's day on which its last
-- instant falls). Mirrors policy.PurgeCalendar.partitionDueOn; PostgreSQL's date + interval clamps to
-- the month's end like java.time does.
CREATE FUNCTION detection_partition_due_on(day date) RETURNS date
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
    SELECT (((((day + 1)::timestamp AT TIME ZONE 'UTC') - interval '1 microsecond') AT TIME ZONE r.zone)::date
            + r.detection_retention)::date
    FROM department_rules r
$$;
