package com.mspanalytics.auth;

import com.mspanalytics.auth.tv.TvLinks;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UrlPathHelper;

/**
 * Authenticates a GET (or HEAD) of {@code /tv/{token}} whose link works as its {@link com.mspanalytics.auth.tv.TvScreen}:
 * no authority, for this request only (the chain keeps no session). Any other request, and a dead link, stay
 * anonymous; the page then says the link no longer works.
 */
final class TvLinkAuthenticationFilter extends OncePerRequestFilter {

    private static final Pattern TV_PAGE = Pattern.compile("/tv/([^/]+)");

    private final TvLinks links;

    TvLinkAuthenticationFilter(TvLinks links) {
        this.links = links;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Matcher page = TV_PAGE.matcher(UrlPathHelper.defaultInstance.getPathWithinApplication(request));
        boolean read = "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
        if (read && page.matches()) {
            links.open(page.group(1)).ifPresent(screen -> {
                SecurityContext context = SecurityContextHolder.createEmptyContext();
                context.setAuthentication(new PreAuthenticatedAuthenticationToken(screen, "", List.of()));
                SecurityContextHolder.setContext(context);
            });
        }
        chain.doFilter(request, response);
    }
}
