package com.mspanalytics.dashboard;

import com.mspanalytics.auth.users.Role;
import com.mspanalytics.auth.users.UserSignIn;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.WebAttributes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/** The overview and the KPI pages: each GET builds one view record from stored results and renders it. */
@Controller
class PageControllers {

    private final OverviewPages overview;
    private final KpiPages kpiPages;
    private final AnomaliesPages anomalies;
    private final SettingsPages settingsPages;
    private final EntityPages entities;

    PageControllers(OverviewPages overview, KpiPages kpiPages, AnomaliesPages anomalies, SettingsPages settingsPages,
            EntityPages entities) {
        this.entities = entities;
        this.settingsPages = settingsPages;
        this.overview = overview;
        this.kpiPages = kpiPages;
        this.anomalies = anomalies;
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

    @GetMapping("/app/clients/{id:\\d{1,18}}")
    String client(@PathVariable long id, Model model) {
        model.addAttribute("page", entities.client(id).orElseThrow(() -> notFound("No such client")));
        return "dashboard/entity";
    }

    @GetMapping("/app/techs/{id:\\d{1,18}}")
    String tech(@PathVariable long id, Model model) {
        model.addAttribute("page", entities.tech(id).orElseThrow(() -> notFound("No such tech")));
        return "dashboard/entity";
    }

    @GetMapping("/app/anomalies")
    String anomalies(@RequestParam(defaultValue = "open") String status, @RequestParam(required = false) String kpi,
            @RequestParam(required = false) String done, Model model) {
        model.addAttribute("page", anomalies.build(status, kpi, PageModel.signedIn().can(Role.MANAGER), done));
        return "dashboard/anomalies";
    }

    /** Managers and admins (the security configuration holds it); the note says what was done about it. */
    @PostMapping("/app/anomalies/acknowledge")
    String acknowledge(@RequestParam String kpi, @RequestParam String dimension, @RequestParam String key,
            @RequestParam String period, @RequestParam(defaultValue = "") String note, Model model) {
        String text = note.strip();
        if (text.isEmpty() || text.length() > 1000) {
            model.addAttribute("page", anomalies.build("open", null, true, null));
            model.addAttribute("problem", "Say in a note (1 to 1,000 characters) what was done about " + key + ".");
            return "dashboard/anomalies";
        }
        if (!anomalies.acknowledge(kpi, dimension, key, period, PageModel.signedIn().email(), text)) {
            throw notFound("No such anomaly");
        }
        return "redirect:/app/anomalies?done=" + java.net.URLEncoder.encode("Acknowledged " + key + " (" + period + ")",
                java.nio.charset.StandardCharsets.UTF_8);
    }

    @GetMapping("/app/settings")
    String settings(@RequestParam(required = false) String done, Model model) {
        model.addAttribute("page", settingsPages.build(done, List.of()));
        return "dashboard/settings";
    }

    /** Admins only (the security configuration holds it). */
    @PostMapping("/app/settings/targets")
    String saveTargets(@RequestParam Map<String, String> form, Model model) {
        List<String> problems = settingsPages.saveTargets(form);
        if (!problems.isEmpty()) {
            model.addAttribute("page", settingsPages.build(null, problems));
            return "dashboard/settings";
        }
        return "redirect:/app/settings?done=Targets%20saved";
    }

    @GetMapping("/login")
    String signIn(@RequestParam(required = false) String error, @RequestParam(required = false) String signedOut,
            @RequestParam(required = false) String ready, HttpServletRequest request, Model model) {
        // Spring Security keeps why the last attempt failed in the session: a wrong password, or the throttle
        HttpSession session = request.getSession(false);
        Object failure = session == null ? null : session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
        model.addAttribute("failure", error == null ? null
                : failure instanceof UserSignIn.Throttled throttled ? throttled.getMessage() : UserSignIn.WRONG);
        model.addAttribute("signedOut", signedOut != null);
        model.addAttribute("ready", ready != null); // an invitation just accepted
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
