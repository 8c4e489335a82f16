package org.platewatch.server.transparency;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.platewatch.server.console.ConsoleNavEntry;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The public page, for anyone, without sign-in (the security configuration permits these paths): HTML at
 * {@code /transparency}, the printable policy at {@code /transparency/policy}, and JSON at
 * {@code /transparency.json} and {@code /api/v1/transparency}. Every answer is the cached report
 * ({@link Transparency#report()}), and says so to caches in between. It takes no parameter, so a caller cannot ask
 * for anything but the aggregates.
 */
@Controller
@ConditionalOnWebApplication
class TransparencyController {

    private final Transparency transparency;
    private final CacheControl cache;

    TransparencyController(Transparency transparency, TransparencyProperties settings) {
        this.transparency = transparency;
        this.cache = CacheControl.maxAge(Math.max(1, settings.refresh().toSeconds()), TimeUnit.SECONDS)
                .cachePublic();
    }

    @GetMapping("/transparency")
    String page(Model model, HttpServletResponse response) {
        response.setHeader("Cache-Control", cache.getHeaderValue());
        model.addAttribute("report", transparency.report());
        return "transparency/page";
    }

    @GetMapping("/transparency/policy")
    String policy(Model model, HttpServletResponse response) {
        response.setHeader("Cache-Control", cache.getHeaderValue());
        model.addAttribute("report", transparency.report());
        return "transparency/policy";
    }

    @GetMapping({"/transparency.json", "/api/v1/transparency"})
    @ResponseBody
    ResponseEntity<TransparencyReport> json() {
        return ResponseEntity.ok().cacheControl(cache).body(transparency.report());
    }

    @Configuration(proxyBeanMethods = false)
    static class Nav {
        /** Administrators preview the public page from the console; it opens outside the console shell. */
        @Bean
        ConsoleNavEntry transparencyNav() {
            return new ConsoleNavEntry("transparency", "Public page", "/transparency", 90, Set.of("ADMINISTRATOR"));
        }
    }
}
