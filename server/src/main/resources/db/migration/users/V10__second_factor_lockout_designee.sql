-- Issue 6, access: the second factor (TOTP, RFC 6238), lock-out after failed sign-ins, the
-- administrator's designee and the member's job classification.
--
-- totp_secret is the Base32 shared secret. It must be readable to check a code, so it cannot be
-- hashed; it never leaves the server except once, inside the otpauth:// URI at enrolment.
ALTER TABLE users
    ADD COLUMN totp_secret         text,
    ADD COLUMN totp_enrolled_at    timestamptz,
    ADD COLUMN failed_sign_ins     integer     NOT NULL DEFAULT 0 CHECK (failed_sign_ins >= 0),
    ADD COLUMN locked_at           timestamptz,
    ADD COLUMN last_signed_in_at   timestamptz,
    ADD COLUMN designee            boolean     NOT NULL DEFAULT false,
    ADD COLUMN job_classification  text,
    ADD COLUMN disabled_at         timestamptz,
    -- Only an ALPR administrator's account can carry the designee mark.
    ADD CONSTRAINT users_designee_is_administrator CHECK (NOT designee OR role = 'ADMINISTRATOR'),
    ADD CONSTRAINT users_role_known
        CHECK (role IN ('OFFICER', 'INVESTIGATOR', 'SUPERVISOR', 'ADMINISTRATOR', 'AUDITOR'));

-- One TOTP code is accepted once: a code seen on the wire cannot be replayed in its 30 s window.
ALTER TABLE users ADD COLUMN totp_last_step bigint;

CREATE INDEX api_tokens_user_idx ON api_tokens (user_id, created_at DESC);
