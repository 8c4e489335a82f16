package org.platewatch.server.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * The base of every console page controller, in any feature. Extending it gives the page the shared
 * model (menu, signed-in member, department zone: see {@link ConsoleModel}) and turns a refusal or a
 * failure into a console page rather than the API's problem+json. (Handlers declared on the controller
 * itself take precedence over the API's exception advice.)
 *
 * <p>A page template uses the layout: {@code <html th:replace="~{console/layout :: page(~{::title}, ~{::main}, ~{::script})}">}.
 */
public abstract class ConsoleController {

    private static final Logger log = LoggerFactory.getLogger(ConsoleController.class);

    /** Role names of the signed-in member, without the {@code ROLE_} prefix, for what a page offers. */
    protected static java.util.Set<String> currentRoles() {
        return ConsoleModel.currentRoles();
    }

    @ExceptionHandler(AccessDeniedException.class)
    String denied(HttpServletResponse response, Model model) {
        response.setStatus(HttpStatus.FORBIDDEN.value());
        model.addAttribute("problemTitle", "Not for your role");
        model.addAttribute("problemDetail", "Your role may not open this page. The menu shows the pages you may use.");
        return "console/problem";
    }

    @ExceptionHandler(Exception.class)
    String failed(Exception e, HttpServletRequest request, HttpServletResponse response, Model model) {
        // The request URI carries ids only: console links never put plate text in a URL.
        log.error("Console page failed: {} {}", request.getMethod(), request.getRequestURI(), e);
        response.setStatus(HttpStatus.INTERNAL_SERVER_ERROR.value());
        model.addAttribute("problemTitle", "Something went wrong");
        model.addAttribute(
                "problemDetail",
                "The server could not show this page. Try again; if it keeps failing, "
                        + "tell the ALPR administrator the time it happened.");
        return "console/problem";
    }
}
