package org.platewatch.server.users;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.platewatch.server.audit.AuditEvent;
import org.platewatch.server.audit.AuditLog;
import org.platewatch.server.platform.Actor;
import org.platewatch.server.platform.ProblemException;
import org.platewatch.server.platform.ProblemType;
import org.platewatch.server.platform.SecretTokens;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Personal API tokens: issued to a member (shown once, only the SHA-256 kept), listed, revoked, and
 * resolved to their holder on each API request. Every change is audited in the same transaction.
 */
@Service
public class PersonalTokens {

    static final String TOKEN_PREFIX = "pwu_";

    private final UserStore store;
    private final PersonalTokenStore tokenStore;
    private final HolderConfirmation confirmation;
    private final AuditLog audit;
    private final Clock clock;
    private final UsersProperties settings;

    PersonalTokens(
            UserStore store,
            PersonalTokenStore tokenStore,
            HolderConfirmation confirmation,
            AuditLog audit,
            Clock clock,
            UsersProperties settings) {
        this.store = store;
        this.tokenStore = tokenStore;
        this.confirmation = confirmation;
        this.audit = audit;
        this.clock = clock;
        this.settings = settings;
    }

    /** Issues a token with the default lifetime (the command line, the demo seed). */
    @Transactional
    public IssuedToken issue(String username, String name, Actor issuedBy) {
        return issue(username, name, settings.tokenLifetime(), issuedBy);
    }

    @Transactional
    public IssuedToken issue(String username, String name, Duration lifetime, Actor issuedBy) {
        UserAccount holder = store.require(username);
        checkRequest(holder, name, lifetime);
        return insert(holder, name, lifetime, issuedBy);
    }

    /**
     * The member issues a token to themself, proving they hold the account with the current password and
     * a current TOTP code (a session alone is not enough: it would turn a stolen session into lasting access).
     * The request is checked first, so a typing error does not use up the code.
     *
     * @param lifetime null for the default lifetime
     */
    @Transactional
    public IssuedToken issueOwn(String username, String name, Duration lifetime, String currentPassword, String code) {
        UserAccount holder = store.require(username);
        Duration life = lifetime == null ? settings.tokenLifetime() : lifetime;
        checkRequest(holder, name, life);
        confirmation.confirm(holder, currentPassword, code);
        return insert(holder, name, life, holder.actor());
    }

    /** The member's tokens, newest first: never the token itself. */
    public List<TokenSummary> of(String username) {
        return tokenStore.tokens(username);
    }

    /** Revokes one of the holder's own tokens. Revoking twice is harmless and audited once. */
    @Transactional
    public void revoke(String username, UUID tokenId, Actor revokedBy) {
        UserAccount holder = store.require(username);
        boolean alreadyRevoked = tokenStore
                .tokenRevoked(tokenId, holder.id())
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "id", "id: no such token"));
        if (alreadyRevoked) {
            return;
        }
        tokenStore.revokeToken(tokenId, clock.instant());
        audit.record(
                revokedBy,
                AuditEvent.of("user.token-revoked", "user:" + username).withTerms("token=" + tokenId));
    }

    /** The holder of a valid token: not revoked, not expired, account enabled and not locked. */
    public Optional<UserAccount> holderOf(String token) {
        byte[] hash = SecretTokens.sha256(token);
        Instant now = clock.instant();
        Optional<AccountsReadThisRequest.Read> holder = store.tokenHolder(hash, now);
        holder.ifPresent(AccountsReadThisRequest::remember);
        return holder.map(AccountsReadThisRequest.Read::account);
    }

    private void checkRequest(UserAccount holder, String name, Duration lifetime) {
        if (!holder.enabled()) {
            throw new ProblemException(
                    MemberAccess.ACCOUNT_DISABLED, "The account '" + holder.username() + "' is disabled");
        }
        RequiredText.require("name", name);
        if (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(settings.maxTokenLifetime()) > 0) {
            throw ProblemException.invalid(
                    "expiresInDays",
                    "must be between 1 and " + settings.maxTokenLifetime().toDays() + " days");
        }
    }

    private IssuedToken insert(UserAccount holder, String name, Duration lifetime, Actor issuedBy) {
        String token = SecretTokens.generate(TOKEN_PREFIX);
        Instant now = clock.instant();
        Instant expires = now.plus(lifetime);
        UUID id = UUID.randomUUID();
        tokenStore.insertToken(id, holder.id(), name, SecretTokens.sha256(token), now, expires);
        audit.record(
                issuedBy,
                AuditEvent.of("user.token-issued", "user:" + holder.username())
                        .withTerms("token=" + id + ", name=" + name + ", expires=" + expires));
        return new IssuedToken(id, token, expires);
    }

    /** A personal API token as issued: shown once. */
    public record IssuedToken(UUID id, String token, Instant expiresAt) {}

    /** A personal API token as listed: never the token itself. */
    public record TokenSummary(
            UUID id, String name, Instant createdAt, Instant expiresAt, Instant revokedAt, Instant lastUsedAt) {}
}
