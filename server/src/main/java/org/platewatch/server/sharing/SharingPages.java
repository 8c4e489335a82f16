package org.platewatch.server.sharing;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Set;
import org.platewatch.server.console.ConsoleNavEntry;
import org.platewatch.server.platform.ProblemException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.ui.Model;

/** What the sharing console pages share: their paths, the menu entry, times in the department's zone, errors. */
final class SharingPages {

    static final String REQUESTS = "/sharing/requests";
    static final String AGENCIES = "/sharing/agencies";
    static final String AGREEMENTS = "/sharing/agreements";
    static final String BREACHES = "/sharing/breaches";

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private SharingPages() {}

    static String local(Instant t, ZoneId zone) {
        return t == null ? null : WHEN.format(t.atZone(zone));
    }

    /** Puts a refusal beside the form: its message without the field prefix, and the field. */
    static void refusal(Model model, ProblemException e) {
        String message = e.getMessage();
        if (e.field() != null && message.startsWith(e.field() + ": ")) {
            message = message.substring(e.field().length() + 2);
        }
        model.addAttribute("error", message);
        model.addAttribute("errorField", e.field());
    }

    /** The status a console form's refusal answers with: the page again, as 422 for a bad field. */
    static int status(ProblemException e) {
        int status = e.type().status().value();
        return status == 400 ? 422 : status;
    }

    @Configuration(proxyBeanMethods = false)
    static class Navigation {

        @Bean
        ConsoleNavEntry sharingNav() {
            return new ConsoleNavEntry("sharing", "Sharing", REQUESTS, 65, Set.of("ADMINISTRATOR"));
        }
    }
}
