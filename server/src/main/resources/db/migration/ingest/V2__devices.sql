-- Cameras (fixed, with a location and heading) and mobile units (patrol cars). Each has its own
-- secret token; only its SHA-256 is stored (the token is 256 random bits, so a slow hash adds nothing).
CREATE TABLE devices (
    id               uuid PRIMARY KEY,
    name             text        NOT NULL UNIQUE,
    kind             text        NOT NULL CHECK (kind IN ('FIXED', 'MOBILE')),
    location         point,
    heading_degrees  real        CHECK (heading_degrees >= 0 AND heading_degrees < 360),
    token_sha256     bytea       NOT NULL UNIQUE,
    registered_at    timestamptz NOT NULL,
    registered_by    text        NOT NULL,
    last_upload_at   timestamptz,
    active           boolean     NOT NULL DEFAULT true,
    CHECK (kind = 'MOBILE' OR location IS NOT NULL)
);
