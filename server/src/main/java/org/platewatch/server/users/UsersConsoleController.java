package org.platewatch.server.users;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.platewatch.server.console.ConsoleController;
import org.platewatch.server.platform.ProblemException;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;

/** The users feature's console pages: a refusal from the service becomes a console page, not problem+json. */
abstract class UsersConsoleController extends ConsoleController {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z");

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
}
