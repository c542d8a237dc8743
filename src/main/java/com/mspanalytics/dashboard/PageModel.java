package com.mspanalytics.dashboard;

import com.mspanalytics.kpi.KpiCatalog;
import com.mspanalytics.auth.users.Role;
import com.mspanalytics.auth.users.SignedInUser;
import jakarta.servlet.http.HttpServletRequest;
import com.mspanalytics.settings.TenantSettingsService;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.ModelAndView;

/**
 * What every page's layout needs (who is signed in, the navigation), and the pages' errors as pages: a 404 for
 * another tenant's client looks exactly like one for a client that does not exist.
 */
@ControllerAdvice(basePackageClasses = PageModel.class)
class PageModel {

    private final JdbcClient jdbc;
    private final TenantSettingsService settings;
    private final Clock clock;

    PageModel(JdbcClient jdbc, TenantSettingsService settings, Clock clock) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.clock = clock;
    }

    @ModelAttribute("viewer")
    @Nullable PageViewer viewer() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof SignedInUser user) {
            return new PageViewer(user.displayName(), user.email(), user.role().wireName(), user.can(Role.MANAGER),
                    user.can(Role.ADMIN));
        }
        return null;
    }

    /** The user of a page that requires signing in (the security configuration guarantees one). */
    static SignedInUser signedIn() {
        return (SignedInUser) SecurityContextHolder.getContext().getAuthentication().getPrincipal();
    }

    /** The global filter of every page, from the URL (see {@link PageFilter}). */
    @ModelAttribute("filter")
    PageFilter filter(@RequestParam(required = false) String range, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) String client) {
        ZoneId zone = viewer() == null ? ZoneId.of("UTC") : ZoneId.of(settings.current().timeZone());
        return PageFilter.parse(range, from, to, client, LocalDate.now(clock.withZone(zone)));
    }

    /** The clients the filter offers, by name; none before signing in. */
    @ModelAttribute("filterClients")
    List<FilterClient> filterClients() {
        if (viewer() == null) {
            return List.of();
        }
        return jdbc.sql("SELECT id, name FROM cw_companies WHERE deleted_at IS NULL ORDER BY lower(name), id LIMIT 1000")
                .query((rs, n) -> new FilterClient(rs.getLong("id"), rs.getString("name"))).list();
    }

    /** A client the filter can select (public, with public accessors: templates read them by reflection). */
    public record FilterClient(long id, String name) {
    }

    @ModelAttribute("kpiNav")
    List<KpiCatalog.Entry> kpiNav() {
        return KpiCatalog.ALL;
    }

    @ModelAttribute("path")
    String path(HttpServletRequest request) {
        return request.getRequestURI();
    }

    @ExceptionHandler(ResponseStatusException.class)
    ModelAndView notFound(ResponseStatusException e) {
        ModelAndView page = new ModelAndView("dashboard/error");
        page.setStatus(HttpStatus.valueOf(e.getStatusCode().value()));
        page.addObject("status", e.getStatusCode().value());
        page.addObject("message", e.getStatusCode().value() == 404 ? "There is no such page." : e.getReason());
        page.addObject("viewer", viewer());
        page.addObject("kpiNav", KpiCatalog.ALL);
        page.addObject("filter", filter(null, null, null, null));
        page.addObject("filterClients", List.of());
        return page;
    }
}
