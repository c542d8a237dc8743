package com.mspanalytics.dashboard;

import com.mspanalytics.auth.users.UserSignIn;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.WebAttributes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/** The overview and the KPI pages: each GET builds one view record from stored results and renders it. */
@Controller
class PageControllers {

    private final OverviewPages overview;
    private final KpiPages kpiPages;

    PageControllers(OverviewPages overview, KpiPages kpiPages) {
        this.overview = overview;
        this.kpiPages = kpiPages;
    }

    @GetMapping("/")
    String overview(Model model) {
        model.addAttribute("page", overview.build());
        return "dashboard/overview";
    }

    @GetMapping("/app/kpi/{slug:[a-z-]+}")
    String kpi(@PathVariable String slug, Model model) {
        model.addAttribute("page", kpiPages.build(slug).orElseThrow(() -> notFound("No KPI named " + slug)));
        return "dashboard/kpi";
    }

    @GetMapping(path = "/app/kpi/{slug:[a-z-]+}.csv")
    ResponseEntity<String> csv(@PathVariable String slug) {
        String csv = kpiPages.csv(slug).orElseThrow(() -> notFound("No KPI named " + slug));
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .header("Content-Disposition", "attachment; filename=\"" + slug + ".csv\"")
                .body(csv);
    }

    @GetMapping("/login")
    String signIn(@RequestParam(required = false) String error, @RequestParam(required = false) String signedOut,
            HttpServletRequest request, Model model) {
        // Spring Security keeps why the last attempt failed in the session: a wrong password, or the throttle
        HttpSession session = request.getSession(false);
        Object failure = session == null ? null : session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
        model.addAttribute("failure", error == null ? null
                : failure instanceof UserSignIn.Throttled throttled ? throttled.getMessage() : UserSignIn.WRONG);
        model.addAttribute("signedOut", signedOut != null);
        return "dashboard/login";
    }

    /** Where Spring Security forwards a request refused after authentication: a role too low, or no CSRF token (403). */
    @RequestMapping("/app/denied")
    String denied(Model model) {
        model.addAttribute("status", 403);
        model.addAttribute("message", "Your role does not allow this, or the form was out of date (reload the page and try again). "
                + "Ask an admin of your MSP if you need access.");
        return "dashboard/error";
    }

    static ResponseStatusException notFound(String reason) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, reason);
    }
}
