package org.platewatch.server.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.web.WebAttributes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The sign-in page for Spring Security's form login (POST /login handles the form: username, password and
 * the 6-digit second-factor {@code code}, which users checks). Sign-out is POST /logout from the header.
 */
@Controller
class SignInController {

    @GetMapping("/login")
    String signIn(HttpServletRequest request, Model model) {
        if (request.getParameter("error") != null) {
            model.addAttribute("signInError", message(request.getSession(false)));
        }
        model.addAttribute("signedOut", request.getParameter("logout") != null);
        // users' IdleSessionLock ended the session: no action of the member for the idle time
        model.addAttribute("idleLocked", request.getParameter("idle") != null);
        return "login";
    }

    /** Says why sign-in failed without telling a stranger which part was wrong. */
    private static String message(HttpSession session) {
        Object failure = session == null ? null : session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
        if (failure instanceof LockedException) {
            return "This account is locked after too many failed attempts. It unlocks by itself after a few minutes, "
                    + "or ask the ALPR administrator.";
        }
        if (failure instanceof DisabledException) {
            return "This account is disabled. Ask the ALPR administrator.";
        }
        return "Sign-in failed: check your username, password and code.";
    }
}
