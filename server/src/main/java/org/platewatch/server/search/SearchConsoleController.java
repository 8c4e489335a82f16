package org.platewatch.server.search;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.stream.Stream;
import org.platewatch.plate.VehicleDescription;
import org.platewatch.server.console.ConsoleController;
import org.platewatch.server.platform.ProblemException;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * The search console's pages: a refusal from {@link Searches} or {@link SearchApprovals} (the profile's searching
 * roles, training, another member's search) becomes a console page rather than problem+json, and times are shown
 * in the department's zone.
 */
abstract class SearchConsoleController extends ConsoleController {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z");

    @ExceptionHandler(ProblemException.class)
    String refused(ProblemException e, HttpServletResponse response, Model model) {
        response.setStatus(e.type().status().value());
        model.addAttribute("problemTitle", e.type().title());
        model.addAttribute("problemDetail", e.getMessage());
        return "console/problem";
    }

    static String time(Instant instant, ZoneId zone) {
        return instant == null ? null : TIME.format(instant.atZone(zone));
    }

    /** The vehicle as a read describes it ("Blue Toyota Camry"), empty when recognition gave none. */
    static String vehicle(VehicleDescription v) {
        if (v == null) {
            return "";
        }
        return String.join(
                " ",
                Stream.of(v.color(), v.make(), v.model())
                        .filter(VehicleDescription::given)
                        .toList());
    }

    /** Where a search stands, in the words its requester reads. */
    static String statusLabel(SearchStatus status) {
        return switch (status) {
            case PENDING_APPROVAL -> "Waiting for a supervisor";
            case APPROVED -> "Approved: runs when you open it";
            case REJECTED -> "Refused by a supervisor";
            case COMPLETED -> "Ran";
        };
    }
}
