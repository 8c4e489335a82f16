package org.platewatch.server.audit;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the signed chain heads go and what signs them ({@code platewatch.audit.anchor.*}).
 *
 * @param file     the append-only anchor file, one JSON line per anchor; blank means
 *                 {@code DATA_DIR/audit-anchors.jsonl}
 * @param keyFile  the Ed25519 signing key; blank means {@code DATA_DIR/audit-anchor.key}, created (0600)
 *                 on first use. An operator may point this at a key kept elsewhere (same format).
 * @param interval how often the running server anchors the head (at shutdown as well)
 * @param log      also write each signed line to the logger {@code platewatch.audit.anchor}, which an
 *                 operator can route to syslog or a remote collector
 */
@ConfigurationProperties(prefix = "platewatch.audit.anchor")
public record AuditAnchorProperties(
        Path file,
        Path keyFile,
        @DefaultValue("1h") Duration interval,
        @DefaultValue("false") boolean log) {

    public AuditAnchorProperties {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("platewatch.audit.anchor.interval must be positive");
        }
    }

    Path fileIn(Path dataDir) {
        return file != null && !file.toString().isBlank() ? file : dataDir.resolve("audit-anchors.jsonl");
    }

    Path keyFileIn(Path dataDir) {
        return keyFile != null && !keyFile.toString().isBlank() ? keyFile : dataDir.resolve("audit-anchor.key");
    }
}
