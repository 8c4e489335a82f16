package org.platewatch.server.users;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.platewatch.server.platform.ProblemException;
import org.platewatch.server.platform.ProblemType;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What every member may do with their own account: read it, re-enrol the second factor, manage API tokens.
 *
 * <p>Issuing a token and replacing the second factor need a signed-in session and, in the body, the current
 * password and a current TOTP code: a leaked personal token must not mint lasting access or lock the holder
 * out, and neither may a session left open.
 */
@RestController
@RequestMapping("/api/v1/users/me")
class MemberController {

    /** The action needs the holder at a console session, not a personal API token. */
    static final ProblemType SESSION_REQUIRED = new ProblemType(
            "session-required", "A personal API token cannot do this; sign in to the console", HttpStatus.FORBIDDEN);

    private final UserAccounts accounts;
    private final TrainingRecords training;
    private final SecondFactorEnrolment enrolment;
    private final PersonalTokens tokens;
    private final MemberAccess access;

    MemberController(
            UserAccounts accounts,
            TrainingRecords training,
            SecondFactorEnrolment enrolment,
            PersonalTokens tokens,
            MemberAccess access) {
        this.accounts = accounts;
        this.training = training;
        this.enrolment = enrolment;
        this.tokens = tokens;
        this.access = access;
    }

    @GetMapping
    AccountView me() {
        return AccountView.of(access.requireMember(), accounts, training, access);
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
    Map<String, String> enrolSecondFactor(@RequestBody(required = false) Confirmation request) {
        UserAccount me = requireSession("A personal API token cannot replace the second factor");
        Confirmation r = request == null ? new Confirmation(null, null) : request;
        return Map.of("otpauthUri", enrolment.enrolOwn(me.username(), r.currentPassword(), r.code()));
    }

    @PostMapping("/tokens")
    ResponseEntity<PersonalTokens.IssuedToken> issueToken(@RequestBody(required = false) NewToken request) {
        UserAccount me = requireSession("A personal API token cannot issue tokens");
        NewToken r = request == null ? new NewToken(null, null, null, null) : request;
        String name = r.name() == null || r.name().isBlank()
                ? "personal token"
                : r.name().trim();
        PersonalTokens.IssuedToken token = tokens.issueOwn(
                me.username(),
                name,
                r.expiresInDays() == null ? null : Duration.ofDays(r.expiresInDays()),
                r.currentPassword(),
                r.code());
        return ResponseEntity.created(URI.create("/api/v1/users/me/tokens/" + token.id()))
                .body(token);
    }

    @GetMapping("/tokens")
    List<PersonalTokens.TokenSummary> tokens() {
        return tokens.of(access.requireMember().username());
    }

    @DeleteMapping("/tokens/{id}")
    ResponseEntity<Void> revoke(@PathVariable UUID id) {
        UserAccount me = access.requireMember();
        tokens.revoke(me.username(), id, me.actor());
        return ResponseEntity.noContent().build();
    }

    /** The member at a console session (a personal token's principal is the bare account, a session's is not). */
    private UserAccount requireSession(String detail) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !(auth.getPrincipal() instanceof SignedInMember)) {
            throw new ProblemException(
                    SESSION_REQUIRED,
                    detail + "; sign in to the console and confirm with your " + "password and authenticator code");
        }
        return access.requireMember();
    }

    record NewToken(String name, Integer expiresInDays, String currentPassword, String code) {}

    record Confirmation(String currentPassword, String code) {}

    record PasswordChange(String currentPassword, String newPassword) {}
}
