package org.platewatch.server.audit;

/**
 * A text signed with the department's key (the one that signs audit anchors), with what a third party needs to
 * check it: the public key (X.509, Base64) and its fingerprint, the {@code keyId} the anchor endpoint
 * ({@code GET /api/v1/audit/anchors/latest}) publishes with every anchor.
 */
public record DepartmentSignature(String algorithm, String publicKey, String keyId, String value) {}
