-- The alert's snapshots and a transition's details are JSON documents with a fixed shape (records in the
-- alert feature); as jsonb PostgreSQL checks they parse, and queries read their fields without a cast.
ALTER TABLE alerts
    ALTER COLUMN read_json TYPE jsonb USING read_json::jsonb,
    ALTER COLUMN entry_json TYPE jsonb USING entry_json::jsonb,
    ALTER COLUMN checks_json TYPE jsonb USING checks_json::jsonb;
ALTER TABLE alert_transitions
    ALTER COLUMN details TYPE jsonb USING details::jsonb;
