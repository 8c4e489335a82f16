package org.platewatch.server.users;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.platewatch.server.platform.ProblemException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** What every member may do with their own account: read it, re-enrol the second factor, manage API tokens. */
@RestController
@RequestMapping("/api/v1/users/me")
class MemberController {

    private final UserAccounts accounts;
    private final MemberAccess access;

    MemberController(UserAccounts accounts, MemberAccess access) {
        this.accounts = accounts;
        this.access = access;
    }

    @GetMapping
    AccountView me() {
        return AccountView.of(access.requireMember(), accounts, access);
    }

    /**
     * 204 when the member may use the permission now; otherwise the refusal (403 problem+json:
     * {@code forbidden}, {@code training-lapsed}, {@code clets-not-authorised}, ...). The console asks
     * this before offering an action; the action itself checks again.
     */
    @GetMapping("/permissions/{permission}")
    ResponseEntity<Void> may(@PathVariable String permission) {
        Permission p;
        try {
            p = Permission.valueOf(permission.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("permission", "unknown; one of " + List.of(Permission.values()));
        }
        access.requireActive(p);
        return ResponseEntity.noContent().build();
    }

    /** Changes the member's own password (the one-time password must be replaced this way). */
    @PostMapping("/password")
    ResponseEntity<Void> changePassword(@RequestBody PasswordChange request) {
        UserAccount me = access.requireMember();
        accounts.changePassword(me.username(), request.currentPassword(), request.newPassword(), me.actor());
        return ResponseEntity.noContent().build();
    }

    /** Replaces the member's TOTP secret; the otpauth:// URI is returned this once. */
    @PostMapping("/second-factor")
    Map<String, String> enrolSecondFactor() {
        UserAccount me = access.requireMember();
        return Map.of("otpauthUri", accounts.enrolSecondFactor(me.username(), me.actor()));
    }

    @PostMapping("/tokens")
    ResponseEntity<UserAccounts.IssuedToken> issueToken(@RequestBody(required = false) NewToken request) {
        UserAccount me = access.requireMember();
        NewToken r = request == null ? new NewToken(null, null) : request;
        String name = r.name() == null || r.name().isBlank() ? "personal token" : r.name().trim();
        UserAccounts.IssuedToken token = r.expiresInDays() == null
                ? accounts.issueToken(me.username(), name, me.actor())
                : accounts.issueToken(me.username(), name, Duration.ofDays(r.expiresInDays()), me.actor());
        return ResponseEntity.created(URI.create("/api/v1/users/me/tokens/" + token.id())).body(token);
    }

    @GetMapping("/tokens")
    List<UserAccounts.TokenSummary> tokens() {
        return accounts.tokens(access.requireMember().username());
    }

    @DeleteMapping("/tokens/{id}")
    ResponseEntity<Void> revoke(@PathVariable UUID id) {
        UserAccount me = access.requireMember();
        accounts.revokeToken(me.username(), id, me.actor());
        return ResponseEntity.noContent().build();
    }

    record NewToken(String name, Integer expiresInDays) {
    }

    record PasswordChange(String currentPassword, String newPassword) {
    }
}
