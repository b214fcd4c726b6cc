package io.clearline.adapters.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Carries the caller that Spring Security authenticated into the request itself, for code that
 * does not run on the filter chain's thread: Camel's servlet consumer hands the exchange to its own
 * threads, where the thread-bound security context is empty.
 */
public class AuthenticatedCaller extends OncePerRequestFilter {
    private static final String ATTRIBUTE = AuthenticatedCaller.class.getName();

    /** The authenticated caller of a request that passed the API's security chain, or null. */
    public static Authentication of(HttpServletRequest request) {
        return (Authentication) request.getAttribute(ATTRIBUTE);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        request.setAttribute(ATTRIBUTE, SecurityContextHolder.getContext().getAuthentication());
        chain.doFilter(request, response);
    }
}
