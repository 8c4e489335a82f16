-- Individual accounts only: no shared logins. Passwords are bcrypt hashes; API tokens are
-- stored as SHA-256 of 256 random bits.
CREATE TABLE users (
    id                     uuid PRIMARY KEY,
    username               text        NOT NULL UNIQUE,
    full_name              text        NOT NULL,
    role                   text        NOT NULL,
    password_hash          text        NOT NULL,
    must_change_password   boolean     NOT NULL DEFAULT true,
    enabled                boolean     NOT NULL DEFAULT true,
    clets_authorised       boolean     NOT NULL DEFAULT false,
    created_at             timestamptz NOT NULL,
    created_by             text        NOT NULL
);

CREATE TABLE training_records (
    id            bigserial PRIMARY KEY,
    user_id       uuid        NOT NULL REFERENCES users (id),
    completed_on  date        NOT NULL,
    course        text        NOT NULL,
    trainer       text        NOT NULL,
    recorded_by   text        NOT NULL,
    recorded_at   timestamptz NOT NULL
);
CREATE INDEX training_records_user_idx ON training_records (user_id, completed_on DESC);

CREATE TABLE api_tokens (
    id            uuid PRIMARY KEY,
    user_id       uuid        NOT NULL REFERENCES users (id),
    name          text        NOT NULL,
    token_sha256  bytea       NOT NULL UNIQUE,
    created_at    timestamptz NOT NULL,
    expires_at    timestamptz NOT NULL,
    revoked_at    timestamptz,
    last_used_at  timestamptz
);
