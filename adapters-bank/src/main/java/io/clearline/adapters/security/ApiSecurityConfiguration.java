package io.clearline.adapters.security;

import io.clearline.adapters.web.Problems;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.AuthenticationException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.security.web.access.intercept.AuthorizationFilter;

/**
 * Authentication is on for every {@code /api} path. Bank systems and tools use HTTP basic; the API
 * keeps no session and sets no cookie, so there is nothing for a cross-site request to ride on and
 * CSRF protection has nothing to protect here. People sign in to the workspace with a form, in a chain
 * of its own with sessions and CSRF on. The chains are tried in order: API, actuator, workspace, API
 * documentation, and last the chain that closes everything else.
 */
@Configuration
@EnableMethodSecurity
public class ApiSecurityConfiguration {
    private static final PathPatternRequestMatcher.Builder PATHS = PathPatternRequestMatcher.withDefaults();
    /** Where springdoc serves the OpenAPI document and Swagger UI (springdoc.* in the node's properties). */
    private static final String[] API_DOCUMENTATION = {"/v3/api-docs/**", "/v3/api-docs.yaml", "/swagger-ui.html",
            "/swagger-ui/**"};

    @Bean
    @Order(1)
    SecurityFilterChain apiSecurity(HttpSecurity http) throws Exception {
        // Path patterns on the request's own path: the ISO 20022 channel is Camel's servlet, not Spring MVC's,
        // and an MVC-based matcher would not match it at all, leaving it outside every chain.
        http.securityMatcher(PATHS.matcher("/api/**"))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(PATHS.matcher(HttpMethod.POST, "/api/iso20022/messages")).hasRole("BANK")
                        .anyRequest().authenticated())
                .httpBasic(basic -> basic.authenticationEntryPoint(ApiSecurityConfiguration::unauthenticated))
                .exceptionHandling(errors -> errors.accessDeniedHandler((request, response, denied) -> {
                    response.setStatus(403);
                    response.setContentType(Problems.MEDIA_TYPE);
                    response.getWriter().write(Problems.json(403, "Forbidden",
                            "This user may not do that", null));
                }))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterAfter(new AuthenticatedCaller(), AuthorizationFilter.class)
                .csrf(AbstractHttpConfigurer::disable);
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain actuatorSecurity(HttpSecurity http) throws Exception {
        // Health and metrics are read by probes and Prometheus, which carry no user.
        http.securityMatcher(PATHS.matcher("/actuator/**"))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(PATHS.matcher("/actuator/health"), PATHS.matcher("/actuator/health/**"),
                                PATHS.matcher("/actuator/prometheus"))
                        .permitAll()
                        .anyRequest().denyAll())
                .csrf(Customizer.withDefaults());
        return http.build();
    }

    /**
     * The treasury workspace, for people: form login with a session, and CSRF protection on every form
     * (sign in, sign out). Its styles and script are public, so the sign-in page looks right; everything
     * else needs a signed-in user, and which banks that user sees is decided per page ({@link BankAccess}).
     * No page loads anything from another origin, and the content security policy says so.
     */
    @Bean
    @Order(3)
    SecurityFilterChain workspaceSecurity(HttpSecurity http) throws Exception {
        http.securityMatcher(new OrRequestMatcher(PATHS.matcher("/workspace/**"), PATHS.matcher("/login"),
                        PATHS.matcher("/logout")))
                .authorizeHttpRequests(requests -> requests
                        // The continuation of a request that was already authorized: a live-update stream.
                        .dispatcherTypeMatchers(DispatcherType.ASYNC).permitAll()
                        .requestMatchers(PATHS.matcher(HttpMethod.GET, "/workspace/assets/**"),
                                PATHS.matcher(HttpMethod.GET, "/login"))
                        .permitAll()
                        .anyRequest().authenticated())
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/workspace", false))
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
                .headers(headers -> headers.contentSecurityPolicy(policy -> policy.policyDirectives(
                        "default-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'")))
                .csrf(Customizer.withDefaults());
        return http.build();
    }

    /**
     * The OpenAPI document and Swagger UI, for any signed-in user: HTTP basic like the API, or the
     * workspace's session for a person already signed in there. They describe the API but hold no
     * money, so every role reads them; nobody reads them anonymously, so the node's surface is not
     * advertised to strangers. Only reads: Swagger UI's own calls go to {@code /api}, under its chain.
     */
    @Bean
    @Order(4)
    SecurityFilterChain apiDocumentationSecurity(HttpSecurity http) throws Exception {
        http.securityMatcher(new OrRequestMatcher(Arrays.stream(API_DOCUMENTATION)
                        .<RequestMatcher>map(PATHS::matcher).toList()))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(Arrays.stream(API_DOCUMENTATION)
                                .map(path -> PATHS.matcher(HttpMethod.GET, path)).toArray(RequestMatcher[]::new))
                        .authenticated()
                        .anyRequest().denyAll())
                .httpBasic(basic -> basic.authenticationEntryPoint(ApiSecurityConfiguration::unauthenticated))
                // A refused anonymous read must not open a session just to remember where it was going.
                .requestCache(AbstractHttpConfigurer::disable)
                .csrf(Customizer.withDefaults());
        return http.build();
    }

    /** Everything else is closed until something is deliberately opened; error pages stay reachable. */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    SecurityFilterChain everythingElse(HttpSecurity http) throws Exception {
        http.securityMatcher(PATHS.matcher("/**"))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(PATHS.matcher("/error")).permitAll()
                        .anyRequest().denyAll())
                .csrf(Customizer.withDefaults());
        return http.build();
    }

    /** No or wrong credentials: a problem document, and the challenge that makes a browser ask for them. */
    private static void unauthenticated(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException failure) throws IOException {
        response.setStatus(401);
        response.setHeader("WWW-Authenticate", "Basic realm=\"clearline\"");
        response.setContentType(Problems.MEDIA_TYPE);
        response.getWriter().write(Problems.json(401, "Unauthenticated",
                "Sign in with HTTP basic: a bank's BIC, operator or regulator", null));
    }
}
