-- The access log. Each record carries the SHA-256 of the previous record and of its own content,
-- so a change anywhere breaks the chain from that point on. The application role may only read
-- and append: the database refuses updates and deletes, for every role, through the trigger.
CREATE TABLE audit_events (
    id              bigserial PRIMARY KEY,
    occurred_at     timestamptz NOT NULL,
    username        text        NOT NULL,
    full_name       text        NOT NULL,
    action          text        NOT NULL,
    subject         text,
    terms           text,
    purpose         text,
    case_number     text,
    result_count    integer,
    client_address  text,
    previous_hash   char(64)    NOT NULL,
    hash            char(64)    NOT NULL UNIQUE
);
CREATE INDEX audit_events_time_idx ON audit_events (occurred_at);
CREATE INDEX audit_events_user_idx ON audit_events (username, occurred_at);

REVOKE UPDATE, DELETE, TRUNCATE ON audit_events FROM "${appRole}";

CREATE FUNCTION refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit records cannot be changed or deleted' USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_events_append_only
    BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION refuse_audit_change();
CREATE TRIGGER audit_events_no_truncate
    BEFORE TRUNCATE ON audit_events
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_change();
