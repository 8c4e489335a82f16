package org.platewatch.server.users;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.platewatch.server.platform.ProblemException;
import org.platewatch.server.policy.DepartmentProfile;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * My account, for every member: training status, password change (the first sign-in's forced change too),
 * second-factor re-enrolment and personal API tokens. Each action is the member's own, through
 * the feature's services, which audit it; a token and an enrolment URI are shown on their response only.
 */
@Controller
class AccountPageController extends UsersConsoleController {

    private final UserAccounts accounts;
    private final TrainingRecords training;
    private final SecondFactorEnrolment enrolment;
    private final PersonalTokens tokens;
    private final MemberAccess access;
    private final ZoneId zone;
    private final java.time.Clock clock;
    private final SecondFactor secondFactor;

    /** The session attribute holding the secret the first sign-in page shows until its code proves it. */
    private static final String PENDING_SECRET = "platewatch.firstSignIn.totpSecret";

    AccountPageController(
            UserAccounts accounts,
            TrainingRecords training,
            SecondFactorEnrolment enrolment,
            PersonalTokens tokens,
            MemberAccess access,
            DepartmentProfile profile,
            java.time.Clock clock,
            SecondFactor secondFactor) {
        this.secondFactor = secondFactor;
        this.accounts = accounts;
        this.training = training;
        this.enrolment = enrolment;
        this.tokens = tokens;
        this.access = access;
        this.zone = profile.zone();
        this.clock = clock;
    }

    @GetMapping("/account")
    String account(Model model) {
        page(access.requireMember(), model, Map.of(), Map.of());
        return "users/account";
    }

    @GetMapping(FirstSignInPasswordChange.PAGE)
    String passwordPage(Model model, HttpSession session) {
        UserAccount me = accounts.require(access.requireMember().username());
        passwordModel(me, model, session, Map.of());
        return "users/password";
    }

    /**
     * Changes the password; at the first sign-in of an account without a second factor, also enrols the
     * secret this page showed (kept in the session until then, never in the database before it is proved).
     */
    @PostMapping(FirstSignInPasswordChange.PAGE)
    String changePassword(
            @RequestParam(defaultValue = "") String currentPassword,
            @RequestParam(defaultValue = "") String newPassword,
            @RequestParam(defaultValue = "") String confirmPassword,
            @RequestParam(defaultValue = "") String code,
            HttpSession session,
            HttpServletResponse response,
            Model model,
            RedirectAttributes redirect) {
        UserAccount me = accounts.require(access.requireMember().username());
        try {
            if (!newPassword.equals(confirmPassword)) {
                throw ProblemException.invalid("confirmPassword", "does not match the new password");
            }
            Object pending = session.getAttribute(PENDING_SECRET);
            if (!me.secondFactorEnrolled() && pending instanceof String secret) {
                accounts.completeFirstSignIn(me.username(), currentPassword, newPassword, secret, code);
                session.removeAttribute(PENDING_SECRET);
                redirect.addFlashAttribute("done", "Your password is changed and your second factor enrolled.");
            } else {
                accounts.changePassword(me.username(), currentPassword, newPassword, me.actor());
                redirect.addFlashAttribute("done", "Your password is changed.");
            }
            return "redirect:/account";
        } catch (ProblemException e) {
            response.setStatus(e.type().equals(MemberAccess.ACCOUNT_LOCKED) ? 403 : 422);
            passwordModel(me, model, session, FormErrors.of(e, "newPassword"));
            return "users/password";
        }
    }

    private void passwordModel(UserAccount me, Model model, HttpSession session, Map<String, String> errors) {
        model.addAttribute("firstSignIn", accounts.mustChangePassword(me.username()));
        if (!me.secondFactorEnrolled() && secondFactor.required()) {
            String secret = session.getAttribute(PENDING_SECRET) instanceof String s ? s : enrolment.newSecret();
            session.setAttribute(PENDING_SECRET, secret);
            model.addAttribute("enrolSecret", secret);
            model.addAttribute("enrolUri", enrolment.uri(me.username(), secret));
        }
        model.addAttribute("errors", errors);
    }

    /** Replaces the member's TOTP secret; the new URI is on this response only. */
    @PostMapping("/account/second-factor")
    String secondFactor(
            @RequestParam(defaultValue = "") String currentPassword,
            @RequestParam(defaultValue = "") String code,
            HttpServletResponse response,
            Model model) {
        UserAccount me = access.requireMember();
        try {
            model.addAttribute("otpauthUri", enrolment.enrolOwn(me.username(), currentPassword, code));
            page(me, model, Map.of(), Map.of());
        } catch (ProblemException e) {
            response.setStatus(e.type().equals(MemberAccess.ACCOUNT_LOCKED) ? 403 : 422);
            page(me, model, Map.of(), Map.of());
            model.addAttribute("secondFactorErrors", FormErrors.of(e, "currentPassword"));
        }
        return "users/account";
    }

    @PostMapping("/account/tokens")
    String issueToken(
            @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "") String days,
            @RequestParam(defaultValue = "") String currentPassword,
            @RequestParam(defaultValue = "") String code,
            HttpServletResponse response,
            Model model) {
        UserAccount me = access.requireMember();
        Map<String, String> form = Map.of("name", name.strip(), "days", days.strip());
        try {
            String tokenName = name.isBlank() ? "personal token" : name.strip();
            PersonalTokens.IssuedToken token = tokens.issueOwn(
                    me.username(),
                    tokenName,
                    days.isBlank() ? null : Duration.ofDays(days(days)),
                    currentPassword,
                    code);
            model.addAttribute("issued", token);
            model.addAttribute("issuedExpires", time(token.expiresAt(), zone));
            page(me, model, Map.of(), Map.of());
        } catch (ProblemException e) {
            response.setStatus(e.type().equals(MemberAccess.ACCOUNT_LOCKED) ? 403 : 422);
            Map<String, String> errors = FormErrors.of(e, "name");
            if (errors.containsKey("expiresInDays")) {
                errors = Map.of("days", errors.get("expiresInDays"));
            }
            page(me, model, form, errors);
        }
        return "users/account";
    }

    @PostMapping("/account/tokens/{id}/revoke")
    String revoke(@PathVariable UUID id, RedirectAttributes redirect) {
        UserAccount me = access.requireMember();
        tokens.revoke(me.username(), id, me.actor());
        redirect.addFlashAttribute("done", "The token is revoked: it no longer works.");
        return "redirect:/account";
    }

    private void page(UserAccount me, Model model, Map<String, String> form, Map<String, String> errors) {
        UserAccount fresh = accounts.require(me.username());
        model.addAttribute("account", fresh);
        model.addAttribute("roleTitle", fresh.role().title());
        model.addAttribute("validThrough", training.validThrough(fresh).orElse(null));
        model.addAttribute("trainingCurrent", training.isCurrent(fresh));
        model.addAttribute("trainingRecords", training.of(fresh.username()));
        List<TokenRow> rows = tokens.of(fresh.username()).stream()
                .map(t -> new TokenRow(
                        t.id(),
                        t.name(),
                        time(t.createdAt(), zone),
                        time(t.expiresAt(), zone),
                        time(t.revokedAt(), zone),
                        time(t.lastUsedAt(), zone),
                        t.revokedAt() == null && t.expiresAt().isAfter(clock.instant())))
                .toList();
        model.addAttribute("tokens", rows);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("secondFactorErrors", Map.of());
    }

    private static long days(String value) {
        try {
            // Kept within int range: Duration.ofDays overflows (a 500) on a long that size, and anything
            // near it is refused by the lifetime check anyway, with the same message as the API gives.
            long days = Long.parseLong(value.strip());
            return Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, days));
        } catch (NumberFormatException e) {
            throw ProblemException.invalid("days", "must be a whole number of days");
        }
    }

    /** A token as the page lists it: times in the department's zone, never the token itself. */
    record TokenRow(
            UUID id, String name, String created, String expires, String revoked, String lastUsed, boolean active) {}
}
