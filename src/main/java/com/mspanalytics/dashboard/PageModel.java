package com.mspanalytics.dashboard;

import com.mspanalytics.auth.users.Role;
import com.mspanalytics.auth.users.SignedInUser;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.ModelAndView;

/**
 * What every page's layout needs (who is signed in, the navigation), and the pages' errors as pages: a 404 for
 * another tenant's client looks exactly like one for a client that does not exist.
 */
@ControllerAdvice(assignableTypes = {PageControllers.class, InvitationPages.class})
class PageModel {

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
        return page;
    }
}
