-- Shared ground for every feature. Migrations run as the schema owner; the application runs as
-- ${appRole}, which gets ordinary table rights by default. Features take rights away where the
-- database must refuse an action (the audit log).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

GRANT USAGE ON SCHEMA public TO "${appRole}";
ALTER DEFAULT PRIVILEGES GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO "${appRole}";
ALTER DEFAULT PRIVILEGES GRANT USAGE, SELECT ON SEQUENCES TO "${appRole}";
ALTER DEFAULT PRIVILEGES GRANT EXECUTE ON FUNCTIONS TO "${appRole}";
