package org.platewatch.server.transparency;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The whole public page, as {@code GET /transparency.json} answers it and the HTML pages render it.
 *
 * @param department      the department and the policy in force
 * @param policy          the policy, generated from the profile
 * @param months          monthly figures, newest first
 * @param chainHeads      the daily signed audit-chain heads, newest first
 * @param anchorPublicKey the key that checks their signatures (Ed25519, X.509 Base64); null before the first anchor
 * @param figuresAsOf     when the figures were computed
 * @param refreshedEvery  how often they are computed at most
 */
public record TransparencyReport(
        Department department,
        PublishedPolicy policy,
        List<MonthFigures> months,
        List<ChainHead> chainHeads,
        String anchorPublicKey,
        Instant figuresAsOf,
        Duration refreshedEvery) {

    /**
     * @param name         "Vallejo Police Department"
     * @param policyNumber the policy manual section
     * @param profile      the Platewatch profile enforced
     * @param zone         the zone months and days are counted in
     */
    public record Department(String name, String policyNumber, String profile, String zone) {}

    /**
     * One day's last signed head of the audit log's hash chain: anyone holding it can later show that the log up to
     * {@code lastId} was not cut or rewritten (docs/access-and-audit.md).
     */
    public record ChainHead(
            LocalDate day,
            long lastId,
            long records,
            String hash,
            Instant anchoredAt,
            String keyId,
            String signature,
            String signedText,
            boolean signatureValid) {}
}
