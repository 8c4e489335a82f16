package org.platewatch.server.users;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
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
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Users and training, for the ALPR administrator and designee: every account with its role, CLETS
 * authorisation, training and state; who lapses soon; and a form to create an account (the one-time
 * password shown once; the member enrols their own second factor). Each account's own page and its
 * forms are {@link UserPageController}. The create form carries the administrator's password and a
 * fresh code ({@link Reauthentication}).
 */
@Controller
@PreAuthorize("hasAuthority('PERMISSION_MANAGE_USERS')")
class UsersPageController extends UsersConsoleController {

    /** How far ahead the page lists lapsing training (the 30 days; the layout warns members as far ahead). */
    static final Duration LAPSING_WINDOW = AccountNotices.WARNING_WINDOW;

    private final UserAccounts accounts;
    private final TrainingRecords training;
    private final MemberAccess access;
    private final AuditLog audit;
    private final Reauthentication reauthentication;
    private final AccountRows rows;

    UsersPageController(
            UserAccounts accounts,
            TrainingRecords training,
            MemberAccess access,
            AuditLog audit,
            Reauthentication reauthentication,
            AccountRows rows) {
        this.reauthentication = reauthentication;
        this.rows = rows;
        this.accounts = accounts;
        this.training = training;
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
                            new TrainingRecord(
                                    UserForms.completedOn(form.get("completedOn")),
                                    form.get("course"),
                                    form.get("trainer")),
                            admin.actor())
                    : accounts.createWithCredentials(user, admin.actor());
            model.addAttribute("created", created);
            listPage(model, Map.of("role", "OFFICER"), Map.of());
        } catch (ProblemException e) {
            response.setStatus(UserForms.status(e)); // the form comes back with its errors next to the fields
            listPage(model, form, FormErrors.of(e, "username"));
            model.addAttribute("confirmFor", "create");
        }
        return "users/users";
    }

    private void listPage(Model model, Map<String, String> form, Map<String, String> errors) {
        List<UserAccount> all = accounts.all();
        Set<String> lapsing = training.lapsingWithin(LAPSING_WINDOW).stream()
                .map(UserAccount::username)
                .collect(java.util.stream.Collectors.toSet());
        model.addAttribute(
                "accounts",
                all.stream()
                        .map(a -> rows.row(a, lapsing.contains(a.username())))
                        .toList());
        model.addAttribute(
                "lapsing",
                all.stream()
                        .filter(a -> lapsing.contains(a.username()))
                        .map(a -> rows.row(a, true))
                        .toList());
        model.addAttribute("lapsingDays", LAPSING_WINDOW.toDays());
        model.addAttribute("roles", Role.values());
        model.addAttribute("today", training.today());
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
