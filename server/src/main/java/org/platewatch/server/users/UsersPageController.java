package org.platewatch.server.users;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.platewatch.server.audit.AuditEvent;
import org.platewatch.server.audit.AuditLog;
import org.platewatch.server.platform.ProblemException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Users and training, for the ALPR administrator and designee: every account with its role, CLETS
 * authorisation, training and state; who lapses soon; a form to create an account (the one-time password
 * and second-factor URI shown once); and per account, small forms for role, training, CLETS, unlock,
 * disable/enable and a new second factor. Every change goes through the feature's services, which audit it,
 * and each form carries the administrator's password and a fresh code ({@link Reauthentication}).
 */
@Controller
@PreAuthorize("hasAuthority('PERMISSION_MANAGE_USERS')")
class UsersPageController extends UsersConsoleController {

    /** How far ahead the page lists lapsing training (the 30 days; the layout warns members as far ahead). */
    static final Duration LAPSING_WINDOW = AccountNotices.WARNING_WINDOW;

    private final UserAccounts accounts;
    private final TrainingRecords training;
    private final SecondFactorEnrolment enrolment;
    private final MemberAccess access;
    private final AuditLog audit;
    private final Reauthentication reauthentication;

    UsersPageController(
            UserAccounts accounts,
            TrainingRecords training,
            SecondFactorEnrolment enrolment,
            MemberAccess access,
            AuditLog audit,
            Reauthentication reauthentication) {
        this.reauthentication = reauthentication;
        this.accounts = accounts;
        this.training = training;
        this.enrolment = enrolment;
        this.access = access;
        this.audit = audit;
    }

    @GetMapping("/users")
    @Transactional
    String users(Model model) {
        UserAccount admin = access.requireActive(Permission.MANAGE_USERS);
        listPage(model, Map.of("role", "OFFICER"), Map.of());
        // the API audits listing the accounts; the page does the same
        audit.record(
                admin.actor(),
                new AuditEvent(
                        "user.listed",
                        "users",
                        "console",
                        null,
                        null,
                        ((List<?>) model.getAttribute("accounts")).size()));
        return "users/users";
    }

    @PostMapping("/users")
    String create(@RequestParam Map<String, String> params, HttpServletResponse response, Model model) {
        UserAccount admin = access.requireActive(Permission.MANAGE_USERS);
        Map<String, String> form = new LinkedHashMap<>();
        for (String f :
                List.of("username", "fullName", "role", "jobClassification", "completedOn", "course", "trainer")) {
            form.put(f, params.getOrDefault(f, "").strip());
        }
        form.put("designee", String.valueOf(params.containsKey("designee")));
        form.put("cletsAuthorised", String.valueOf(params.containsKey("cletsAuthorised")));
        try {
            admin = reauthentication.confirm(
                    Permission.MANAGE_USERS, params.get("currentPassword"), params.get("code"));
            Role role = Role.parse(form.get("role"))
                    .orElseThrow(() -> ProblemException.invalid("role", "choose one of the roles"));
            UserAccounts.NewUser user = new UserAccounts.NewUser(
                    form.get("username"),
                    form.get("fullName"),
                    role,
                    params.containsKey("cletsAuthorised"),
                    null,
                    params.containsKey("designee"),
                    blankToNull(form.get("jobClassification")));
            boolean withTraining = !(form.get("completedOn").isEmpty()
                    && form.get("course").isEmpty()
                    && form.get("trainer").isEmpty());
            UserAccounts.NewAccount created = withTraining
                    ? accounts.createWithTraining(
                            user,
                            new TrainingRecord(date(form.get("completedOn")), form.get("course"), form.get("trainer")),
                            admin.actor())
                    : accounts.createWithCredentials(user, admin.actor());
            model.addAttribute("created", created);
            listPage(model, Map.of("role", "OFFICER"), Map.of());
        } catch (ProblemException e) {
            response.setStatus(status(e)); // the form comes back with its errors next to the fields
            listPage(model, form, FormErrors.of(e, "username"));
            model.addAttribute("confirmFor", "create");
        }
        return "users/users";
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
                    new TrainingRecord(date(completedOn.strip()), course.strip(), trainer.strip()),
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
            response.setStatus(status(e));
            detailPage(username, model, Map.of(), FormErrors.of(e, "state"));
            model.addAttribute("confirmFor", "state");
        }
        return "users/user";
    }

    /** The re-authentication fields every form posts (bound from the form's currentPassword and code). */
    record Confirmation(String currentPassword, String code) {}

    private static int status(ProblemException e) {
        return e.type().status().value() == 403 ? 403 : 422;
    }

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
            response.setStatus(status(e));
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

    private void listPage(Model model, Map<String, String> form, Map<String, String> errors) {
        List<UserAccount> all = accounts.all();
        Set<String> lapsing = training.lapsingWithin(LAPSING_WINDOW).stream()
                .map(UserAccount::username)
                .collect(java.util.stream.Collectors.toSet());
        model.addAttribute(
                "accounts",
                all.stream().map(a -> row(a, lapsing.contains(a.username()))).toList());
        model.addAttribute(
                "lapsing",
                all.stream()
                        .filter(a -> lapsing.contains(a.username()))
                        .map(a -> row(a, true))
                        .toList());
        model.addAttribute("lapsingDays", LAPSING_WINDOW.toDays());
        model.addAttribute("roles", Role.values());
        model.addAttribute("today", training.today());
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
    }

    private void detailPage(String username, Model model, Map<String, String> form, Map<String, String> errors) {
        UserAccount account = accounts.require(username);
        boolean lapsing = training.lapsingWithin(LAPSING_WINDOW).stream()
                .anyMatch(a -> a.username().equals(username));
        model.addAttribute("account", row(account, lapsing));
        model.addAttribute("trainingRecords", training.of(username));
        model.addAttribute("roles", Role.values());
        model.addAttribute("today", training.today());
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
    }

    private Row row(UserAccount a, boolean lapsing) {
        return new Row(
                a,
                a.role().title(),
                training.validThrough(a).orElse(null),
                training.isCurrent(a),
                lapsing,
                accounts.mustChangePassword(a.username()));
    }

    private static LocalDate date(String value) {
        if (value == null || value.isBlank()) {
            throw ProblemException.invalid("completedOn", "is required: the day the course was completed");
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid("completedOn", "must be a date like 2026-11-28");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** An account as the page shows it. */
    record Row(
            UserAccount account,
            String roleTitle,
            LocalDate validThrough,
            boolean trainingCurrent,
            boolean lapsing,
            boolean mustChangePassword) {
        public String state() {
            if (!account.enabled()) {
                return "Disabled";
            }
            return account.locked() ? "Locked" : "Active";
        }
    }
}
