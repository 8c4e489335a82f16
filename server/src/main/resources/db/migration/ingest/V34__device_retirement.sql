-- A device can be retired (stolen, scrapped, replaced) and its token rotated (leaked, or on a schedule).
-- A retired device is inactive for good: its token is refused, its reads stay. Who did either and when
-- is in the audit log; these columns say the device's state without a look into it.
ALTER TABLE devices
    ADD COLUMN retired_at        timestamptz,
    ADD COLUMN retired_by        text,
    ADD COLUMN token_rotated_at  timestamptz,
    ADD CONSTRAINT devices_retired_inactive CHECK (retired_at IS NULL OR NOT active);
