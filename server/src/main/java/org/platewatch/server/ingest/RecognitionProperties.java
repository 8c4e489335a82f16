package org.platewatch.server.ingest;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Reading plates on the server, for cameras that send photos instead of plate text.
 *
 * @param enabled       load the recognition models on first use; off refuses photo uploads
 * @param minConfidence a reading below this is not stored as a detection (the photo is still answered)
 * @param concurrent    photos read at the same time; recognition is CPU-bound
 */
@ConfigurationProperties(prefix = "platewatch.recognition")
public record RecognitionProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("0.5") double minConfidence,
        @DefaultValue("2") int concurrent) {}
