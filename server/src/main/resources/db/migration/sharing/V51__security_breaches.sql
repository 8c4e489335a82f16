-- Issue 18, security breach record (Emeryville, Oakland, Piedmont, Vallejo: "for security or data breaches,
-- see the Records Release and Maintenance Policy"). A breach names what happened, when it was found, the time
-- window and the members and data concerned; its notification and post-breach steps are tracked to closure.
CREATE TABLE security_breaches (
    id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    summary         text        NOT NULL,
    found_at        timestamptz NOT NULL,
    window_from     timestamptz NOT NULL,
    window_to       timestamptz NOT NULL,
    data_concerned  text        NOT NULL,
    members         text[]      NOT NULL,
    subjects        text[]      NOT NULL,
    recorded_by     text        NOT NULL,
    recorded_at     timestamptz NOT NULL,
    closed_by       text,
    closed_at       timestamptz,
    CHECK (window_to >= window_from),
    CHECK ((closed_by IS NULL) = (closed_at IS NULL))
);
REVOKE DELETE, TRUNCATE ON security_breaches FROM "${appRole}";

CREATE TABLE security_breach_steps (
    id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    breach_id    bigint      NOT NULL REFERENCES security_breaches (id),
    kind         text        NOT NULL CHECK (kind IN ('NOTIFICATION', 'REMEDIATION')),
    description  text        NOT NULL,
    added_by     text        NOT NULL,
    added_at     timestamptz NOT NULL,
    done_by      text,
    done_at      timestamptz,
    CHECK ((done_by IS NULL) = (done_at IS NULL))
);
CREATE INDEX security_breach_steps_breach_idx ON security_breach_steps (breach_id);
REVOKE DELETE, TRUNCATE ON security_breach_steps FROM "${appRole}";
