package org.platewatch.server.platform;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationDetailsSource;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * Who may call what, checked on the server for every request.
 *
 * <p>The API ({@code /api/**}) is stateless: devices and integrations present a bearer token on
 * every call. A console session may also call the API (the console's own pages do), and then
 * CSRF protection applies; bearer requests carry no ambient credential, so CSRF does not.
 * Each feature narrows access further with {@code @PreAuthorize} on its endpoints.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
@org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication
public class SecurityConfiguration {

    @Bean
    @Order(1)
    SecurityFilterChain apiChain(HttpSecurity http, List<BearerTokenAuthenticator> authenticators) throws Exception {
        http.securityMatcher("/api/**")
                .addFilterBefore(new BearerTokenFilter(authenticators), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(auth -> auth
                        // A server-sent event stream ends with an ASYNC dispatch of a request that was authorised
                        // when it began; the bearer filter does not run again on it, so without this the dispatch
                        // is refused as anonymous and the stream ends in an error.
                        .dispatcherTypeMatchers(jakarta.servlet.DispatcherType.ASYNC)
                        .permitAll()
                        // Only devices upload; people may view a read's image (checked per endpoint).
                        .requestMatchers(
                                HttpMethod.POST, "/api/v1/reads", "/api/v1/reads/openalpr", "/api/v1/reads/photo")
                        .hasRole("DEVICE")
                        .requestMatchers(HttpMethod.PUT, "/api/v1/reads/*/image")
                        .hasRole("DEVICE")
                        // transparency: the public page's JSON, aggregates only, cached (Civil Code § 1798.90.51(b))
                        .requestMatchers(HttpMethod.GET, "/api/v1/transparency")
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                // CSRF guards requests that ride on a console session; a bearer request or one without a
                // session carries no ambient credential to abuse.
                .csrf(csrf -> csrf.ignoringRequestMatchers(
                        request -> BearerTokenFilter.hasBearer(request) || request.getSession(false) == null))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.NEVER))
                .exceptionHandling(e -> e.authenticationEntryPoint((request, response, ex) -> writeProblem(
                                response, ProblemType.UNAUTHENTICATED, "Sign in or present a bearer token"))
                        .accessDeniedHandler((request, response, ex) ->
                                writeProblem(response, ProblemType.FORBIDDEN, "Your role may not do this")));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain publicChain(HttpSecurity http) throws Exception {
        http.securityMatcher(
                        "/actuator/health/**",
                        "/actuator/health",
                        "/v3/api-docs/**",
                        "/v3/api-docs",
                        "/error",
                        // transparency: the public page, its printable policy and its JSON; GET only, no parameters,
                        // figures cached (transparency.Transparency), so anyone may read them without signing in
                        "/transparency",
                        "/transparency/policy",
                        "/transparency.json")
                .authorizeHttpRequests(auth -> auth.requestMatchers(
                                HttpMethod.GET, "/transparency", "/transparency/policy", "/transparency.json")
                        .permitAll()
                        .requestMatchers(
                                "/actuator/health/**", "/actuator/health", "/v3/api-docs/**", "/v3/api-docs", "/error")
                        .permitAll()
                        .anyRequest()
                        .denyAll())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        return http.build();
    }

    /** Everything else is the console: signed-in sessions, form sign-in, CSRF on. */
    @Bean
    @Order(10)
    SecurityFilterChain consoleChain(
            HttpSecurity http,
            // access (issue 6): the users feature supplies the details source that reads the TOTP field `code`
            // of the sign-in form; its AuthenticationProvider bean checks password, code and lock-out.
            ObjectProvider<AuthenticationDetailsSource<HttpServletRequest, ?>> signInDetails)
            throws Exception {
        http.authorizeHttpRequests(
                        auth -> auth.requestMatchers("/login", "/css/**", "/js/**", "/webjars/**", "/favicon.ico")
                                .permitAll()
                                .anyRequest()
                                .authenticated())
                // console: the sign-in page is console's templates/login.html (GET /login); POST /login is
                // Spring Security's form login (username, password, and the second-factor field "code").
                .formLogin(form -> {
                    form.loginPage("/login").permitAll();
                    signInDetails.ifAvailable(form::authenticationDetailsSource);
                })
                .logout(logout -> logout.permitAll());
        return http.build();
    }

    static void writeProblem(HttpServletResponse response, ProblemType type, String detail) throws java.io.IOException {
        response.setStatus(type.status().value());
        response.setContentType(Problems.PROBLEM_JSON.toString());
        response.getWriter().write(Problems.json(type, detail));
    }
}
