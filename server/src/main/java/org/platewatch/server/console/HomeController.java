package org.platewatch.server.console;

import java.util.Set;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The home page: what the member's role does here, with the pages it may open. */
@Controller
class HomeController extends ConsoleController {

    @GetMapping("/")
    String home(Model model) {
        Set<String> roles = ConsoleModel.currentRoles();
        model.addAttribute("primaryRole", roles.stream().findFirst().orElse(""));
        return "console/home";
    }
}
