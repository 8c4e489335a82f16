package org.platewatch.server.users;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The SQL of personal API tokens: only their SHA-256 is stored. Who holds a token is {@link UserStore#tokenHolder}. */
@Repository
class PersonalTokenStore {

    private final JdbcClient jdbc;

    PersonalTokenStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insertToken(UUID id, UUID userId, String name, byte[] tokenSha256, Instant createdAt, Instant expiresAt) {
        jdbc.sql("""
                        INSERT INTO api_tokens (id, user_id, name, token_sha256, created_at, expires_at)
                        VALUES (?, ?, ?, ?, ?, ?)
                        """)
                .params(id, userId, name, tokenSha256, Timestamp.from(createdAt), Timestamp.from(expiresAt))
                .update();
    }

    /** The holder's tokens, newest first. */
    List<PersonalTokens.TokenSummary> tokens(String username) {
        return jdbc.sql("""
                        SELECT k.id, k.name, k.created_at, k.expires_at, k.revoked_at, k.last_used_at
                        FROM api_tokens k JOIN users u ON u.id = k.user_id
                        WHERE u.username = ? ORDER BY k.created_at DESC
                        """)
                .param(username)
                .query((rs, n) -> new PersonalTokens.TokenSummary(
                        rs.getObject(1, UUID.class),
                        rs.getString(2),
                        UserStore.instant(rs, 3),
                        UserStore.instant(rs, 4),
                        UserStore.instant(rs, 5),
                        UserStore.instant(rs, 6)))
                .list();
    }

    /** Whether the holder's token is revoked; empty when the holder has no such token. */
    Optional<Boolean> tokenRevoked(UUID tokenId, UUID userId) {
        return jdbc.sql("SELECT revoked_at IS NOT NULL FROM api_tokens WHERE id = ? AND user_id = ?")
                .params(tokenId, userId)
                .query(Boolean.class)
                .optional();
    }

    void revokeToken(UUID tokenId, Instant at) {
        jdbc.sql("UPDATE api_tokens SET revoked_at = ? WHERE id = ?")
                .params(Timestamp.from(at), tokenId)
                .update();
    }
}
