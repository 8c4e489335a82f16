package org.platewatch.server.platform;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who is acting, as the audit log records it: the user name and the full name. Devices act under
 * {@code device:NAME}; work the server does by itself (schedules, the demo seed) under {@code system}.
 */
public record Actor(String username, String fullName) {

    public static final Actor SYSTEM = new Actor("system", "Platewatch (scheduled or automatic action)");

    /** A principal type that knows its actor: user and device principals implement it. */
    public interface Source {
        Actor actor();
    }

    /** The actor of the current request or thread; {@link #SYSTEM} when nobody is signed in. */
    public static Actor current() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated()) {
            return SYSTEM;
        }
        if (auth.getPrincipal() instanceof Source source) {
            return source.actor();
        }
        return new Actor(auth.getName(), auth.getName());
    }

    /** For commands typed at the server's console: the operating-system account that ran them. */
    public static Actor commandLine() {
        String osUser = System.getProperty("user.name", "unknown");
        return new Actor("cli:" + osUser, "Command line (" + osUser + ")");
    }
}
