package org.platewatch.server.users;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.platewatch.server.platform.ProblemException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * One account, for the ALPR administrator and designee: its role, CLETS authorisation, training and
 * state, and small forms for role, training, CLETS, unlock, disable/enable and a new second factor.
 * Every change goes through the feature's services, which audit it, and each form carries the
 * administrator's password and a fresh code ({@link Reauthentication}).
 */
@Controller
@PreAuthorize("hasAuthority('PERMISSION_MANAGE_USERS')")
class UserPageController extends UsersConsoleController {

    private final UserAccounts accounts;
    private final TrainingRecords training;
    private final SecondFactorEnrolment enrolment;
    private final MemberAccess access;
    private final Reauthentication reauthentication;
    private final AccountRows rows;

    UserPageController(
            UserAccounts accounts,
            TrainingRecords training,
            SecondFactorEnrolment enrolment,
            MemberAccess access,
            Reauthentication reauthentication,
            AccountRows rows) {
        this.accounts = accounts;
        this.training = training;
        this.enrolment = enrolment;
        this.access = access;
        this.reauthentication = reauthentication;
        this.rows = rows;
    }

    @GetMapping("/users/{username}")
    String account(@PathVariable String username, Model model) {
        access.requireActive(Permission.MANAGE_USERS);
        detailPage(username, model, Map.of(), Map.of());
        return "users/user";
    }

    @PostMapping("/users/{username}/role")
    String role(
            @PathVariable String username,
            @RequestParam(defaultValue = "") String role,
            @RequestParam(required = false) String designee,
            Confirmation confirmation,
            HttpServletResponse response,
            Model model,
            RedirectAttributes redirect) {
        return change(username, "role", Map.of("role", role), confirmation, response, model, redirect, admin -> {
            Role r = Role.parse(role).orElseThrow(() -> ProblemException.invalid("role", "choose one of the roles"));
            accounts.changeRole(username, r, designee != null, admin.actor());
            return "Role changed to " + r.title() + (designee != null ? " (designee)" : "") + ".";
        });
    }

    @PostMapping("/users/{username}/training")
    String training(
            @PathVariable String username,
            @RequestParam(defaultValue = "") String completedOn,
            @RequestParam(defaultValue = "") String course,
            @RequestParam(defaultValue = "") String trainer,
            Confirmation confirmation,
            HttpServletResponse response,
            Model model,
            RedirectAttributes redirect) {
        Map<String, String> form =
                Map.of("completedOn", completedOn.strip(), "course", course.strip(), "trainer", trainer.strip());
        return change(username, "training", form, confirmation, response, model, redirect, admin -> {
            training.record(
                    username,
                    new TrainingRecord(UserForms.completedOn(completedOn.strip()), course.strip(), trainer.strip()),
                    admin.actor());
            return "Training of " + completedOn.strip() + " recorded.";
        });
    }

    @PostMapping("/users/{username}/clets")
    String clets(
            @PathVariable String username,
            @RequestParam(required = false) String authorised,
            Confirmation confirmation,
            HttpServletResponse response,
            Model model,
            RedirectAttributes redirect) {
        return change(username, "clets", Map.of(), confirmation, response, model, redirect, admin -> {
            accounts.setCletsAuthorised(username, authorised != null, admin.actor());
            return authorised != null ? "CLETS queries authorised." : "CLETS authorisation withdrawn.";
        });
    }

    @PostMapping("/users/{username}/unlock")
    String unlock(
            @PathVariable String username,
            Confirmation confirmation,
            HttpServletResponse response,
            Model model,
            RedirectAttributes redirect) {
        return change(username, "state", Map.of(), confirmation, response, model, redirect, admin -> {
            accounts.unlock(username, admin.actor());
            return "Account unlocked.";
        });
    }

    @PostMapping("/users/{username}/disable")
    String disable(
            @PathVariable String username,
            Confirmation confirmation,
            HttpServletResponse response,
            Model model,
            RedirectAttributes redirect) {
        return change(username, "state", Map.of(), confirmation, response, model, redirect, admin -> {
            accounts.disable(username, admin.actor());
            return "Account disabled: it cannot sign in and its API tokens stop working.";
        });
    }

    @PostMapping("/users/{username}/enable")
    String enable(
            @PathVariable String username,
            Confirmation confirmation,
            HttpServletResponse response,
            Model model,
            RedirectAttributes redirect) {
        return change(username, "state", Map.of(), confirmation, response, model, redirect, admin -> {
            accounts.enable(username, admin.actor());
            return "Account enabled.";
        });
    }

    /** A new TOTP secret for a lost authenticator: the URI is shown on this response only, never again. */
    @PostMapping("/users/{username}/second-factor")
    String secondFactor(
            @PathVariable String username, Confirmation confirmation, HttpServletResponse response, Model model) {
        access.requireActive(Permission.MANAGE_USERS);
        accounts.require(username);
        try {
            UserAccount admin = reauthentication.confirm(
                    Permission.MANAGE_USERS, confirmation.currentPassword(), confirmation.code());
            model.addAttribute("otpauthUri", enrolment.enrol(username, admin.actor()));
            detailPage(username, model, Map.of(), Map.of());
        } catch (ProblemException e) {
            response.setStatus(UserForms.status(e));
            detailPage(username, model, Map.of(), FormErrors.of(e, "state"));
            model.addAttribute("confirmFor", "state");
        }
        return "users/user";
    }

    /** The re-authentication fields every form posts (bound from the form's currentPassword and code). */
    record Confirmation(String currentPassword, String code) {}

    private interface Change {
        String apply(UserAccount admin);
    }

    /** Applies one change; on success back to the account (post/redirect/get), on refusal the form with its error. */
    private String change(
            String username,
            String formName,
            Map<String, String> form,
            Confirmation confirmation,
            HttpServletResponse response,
            Model model,
            RedirectAttributes redirect,
            Change change) {
        access.requireActive(Permission.MANAGE_USERS);
        accounts.require(username); // an unknown account is a not-found page, not a form error
        try {
            UserAccount admin = reauthentication.confirm(
                    Permission.MANAGE_USERS, confirmation.currentPassword(), confirmation.code());
            redirect.addFlashAttribute("done", change.apply(admin));
            return "redirect:/users/" + username;
        } catch (ProblemException e) {
            response.setStatus(UserForms.status(e));
            model.addAttribute("confirmFor", formName);
            String fallback = switch (formName) {
                case "training" -> "completedOn";
                case "clets" -> "authorised";
                case "state" -> "state";
                default -> "role";
            };
            detailPage(username, model, form, FormErrors.of(e, "username".equals(e.field()) ? "state" : fallback));
            return "users/user";
        }
    }

    private void detailPage(String username, Model model, Map<String, String> form, Map<String, String> errors) {
        UserAccount account = accounts.require(username);
        boolean lapsing = training.lapsingWithin(UsersPageController.LAPSING_WINDOW).stream()
                .anyMatch(a -> a.username().equals(username));
        model.addAttribute("account", rows.row(account, lapsing));
        model.addAttribute("trainingRecords", training.of(username));
        model.addAttribute("roles", Role.values());
        model.addAttribute("today", training.today());
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
    }
}
