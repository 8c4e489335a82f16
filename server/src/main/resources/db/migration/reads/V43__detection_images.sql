-- Issue 17: which images the detections still refer to. An image is content-addressed and may serve several
-- reads (one photo, several plates), so it may go only when the last detection referring to it does. Its
-- latest capture day (UTC, the partition of the newest read that refers to it) says when that is, without
-- probing every partition for the hash when a day is purged.
CREATE TABLE detection_images (
    sha256            char(64) PRIMARY KEY,
    last_captured_on  date     NOT NULL
);
CREATE INDEX detection_images_last_idx ON detection_images (last_captured_on);

INSERT INTO detection_images (sha256, last_captured_on)
SELECT image_sha256, max((captured_at AT TIME ZONE 'UTC')::date)
FROM detections WHERE image_sha256 IS NOT NULL
GROUP BY image_sha256;
