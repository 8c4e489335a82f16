package org.platewatch.server.ingest;

import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.platewatch.server.console.ConsoleController;
import org.platewatch.server.console.ConsoleNavEntry;
import org.platewatch.server.console.ConsoleProperties;
import org.platewatch.server.platform.ProblemException;
import org.platewatch.server.users.Permission;
import org.platewatch.server.users.Reauthentication;
import org.platewatch.server.users.UserAccount;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.json.JsonMapper;

/**
 * Cameras and mobile units: a map and a table for supervisors and administrators; administrators also
 * register devices here, confirming with their password and a fresh code, and see the new device's token once.
 */
@Controller
@PreAuthorize("hasAnyRole('SUPERVISOR', 'ADMINISTRATOR')")
class CamerasPageController extends ConsoleController {

    private static final List<String> FIELDS = List.of("name", "kind", "latitude", "longitude", "heading");

    private final DeviceOverview overview;
    private final DeviceRegistry registry;
    private final ConsoleProperties properties;
    private final JsonMapper json;
    private final Reauthentication reauthentication;

    CamerasPageController(
            DeviceOverview overview,
            DeviceRegistry registry,
            ConsoleProperties properties,
            JsonMapper json,
            Reauthentication reauthentication) {
        this.reauthentication = reauthentication;
        this.overview = overview;
        this.registry = registry;
        this.properties = properties;
        this.json = json;
    }

    @GetMapping("/cameras")
    String cameras(Model model) {
        page(model);
        model.addAttribute("form", Map.of("kind", "FIXED"));
        model.addAttribute("errors", Map.of());
        return "ingest/cameras";
    }

    /** The table alone, for htmx to refresh it in place. */
    @GetMapping("/cameras/table")
    String table(Model model) {
        model.addAttribute("devices", overview.rows());
        return "ingest/cameras :: device-table";
    }

    @PostMapping("/cameras/devices")
    @PreAuthorize("hasRole('ADMINISTRATOR')")
    String register(
            @RequestParam Map<String, String> params,
            @RequestHeader(name = "HX-Request", required = false) String htmx,
            HttpServletResponse response,
            Model model) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String f : FIELDS) {
            form.put(f, params.getOrDefault(f, "").strip());
        }
        Map<String, String> errors = new LinkedHashMap<>();
        try {
            DeviceRegistration registration = new DeviceRegistration(
                    form.get("name"),
                    kind(form.get("kind")),
                    number(form, "latitude", errors),
                    number(form, "longitude", errors),
                    number(form, "heading", errors));
            if (errors.isEmpty()) {
                UserAccount admin = reauthentication.confirm(
                        Permission.MANAGE_DEVICES, params.get("currentPassword"), params.get("code"));
                RegisteredDevice registered = registry.register(registration, admin.actor());
                model.addAttribute("registered", registered);
                form = Map.of("kind", "FIXED");
                // the table below shows the new device without reloading the page
                response.setHeader("HX-Trigger", "devices-changed");
            }
        } catch (ProblemException e) {
            String field = e.field() == null ? "name" : e.field();
            String message = e.getMessage();
            errors.putIfAbsent(
                    field, message.startsWith(field + ": ") ? message.substring(field.length() + 2) : message);
        }
        if (!errors.isEmpty()) {
            response.setStatus(422); // Unprocessable: the form comes back with its errors
        }
        model.addAttribute("confirmFor", "register");
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("canRegister", true);
        if (htmx != null) {
            return "ingest/cameras :: register-panel";
        }
        page(model);
        return "ingest/cameras";
    }

    private void page(Model model) {
        List<DeviceOverview.Row> rows = overview.rows();
        model.addAttribute("devices", rows);
        model.addAttribute(
                "mapData",
                json.writeValueAsString(Map.of(
                        "center",
                        new double[] {properties.mapCenterLatitude(), properties.mapCenterLongitude()},
                        "tiles",
                        properties.mapTilesUrl() == null ? "" : properties.mapTilesUrl(),
                        "attribution",
                        properties.mapTilesAttribution(),
                        "devices",
                        rows,
                        "reads",
                        overview.recentReads())));
        model.addAttribute("canRegister", currentRoles().contains("ADMINISTRATOR"));
    }

    /** The page's menu entry: cameras and mobile units are for supervisors and administrators. */
    @Configuration(proxyBeanMethods = false)
    static class Navigation {

        @Bean
        ConsoleNavEntry camerasNav() {
            return new ConsoleNavEntry("cameras", "Cameras", "/cameras", 50, Set.of("SUPERVISOR", "ADMINISTRATOR"));
        }
    }

    private static DeviceKind kind(String value) {
        try {
            return value.isEmpty() ? null : DeviceKind.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("kind", "must be FIXED or MOBILE");
        }
    }

    private static Double number(Map<String, String> form, String field, Map<String, String> errors) {
        String value = form.get(field);
        if (value.isEmpty()) {
            return null;
        }
        try {
            return Double.valueOf(value);
        } catch (NumberFormatException e) {
            errors.put(field, "must be a number");
            return null;
        }
    }
}
