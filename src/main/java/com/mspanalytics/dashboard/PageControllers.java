package com.mspanalytics.dashboard;

import com.mspanalytics.auth.oidc.OidcSignIn;
import com.mspanalytics.auth.users.Role;
import com.mspanalytics.auth.users.UserSignIn;
import com.mspanalytics.secrets.ConnectorFields;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.WebAttributes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
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
    private final SyncPages syncPages;
    private final Optional<OidcSignIn> singleSignOn;

    PageControllers(OverviewPages overview, KpiPages kpiPages, AnomaliesPages anomalies, SettingsPages settingsPages,
            EntityPages entities, SyncPages syncPages, Optional<OidcSignIn> singleSignOn) {
        this.singleSignOn = singleSignOn;
        this.entities = entities;
        this.syncPages = syncPages;
        this.settingsPages = settingsPages;
        this.overview = overview;
        this.kpiPages = kpiPages;
        this.anomalies = anomalies;
    }

    @GetMapping("/")
    String overview(@ModelAttribute("filter") PageFilter filter, Model model) {
        model.addAttribute("page", overview.build(filter));
        return "dashboard/overview";
    }

    @GetMapping("/app/kpi/{slug:[a-z-]+}")
    String kpi(@PathVariable String slug, @ModelAttribute("filter") PageFilter filter,
            @RequestParam(required = false) String sort, @RequestParam(defaultValue = "asc") String dir, Model model) {
        boolean descending = "desc".equals(dir);
        // a hand-edited ?sort= that is no column index shows the KPI's own order, as an index past the last column does
        Integer column = sort != null && sort.matches("\\d{1,3}") ? Integer.valueOf(sort) : null;
        model.addAttribute("page", kpiPages.build(slug, filter, PageModel.signedIn().can(Role.MANAGER))
                .orElseThrow(() -> notFound("No KPI named " + slug)).sortedBy(column, descending));
        model.addAttribute("sort", column);
        model.addAttribute("descending", descending);
        return "dashboard/kpi";
    }

    /** Managers and admins (the security configuration holds it): a brief costs tokens of the tenant's budget. */
    @PostMapping("/app/kpi/{slug:[a-z-]+}/brief")
    String brief(@PathVariable String slug, @ModelAttribute("filter") PageFilter filter, Model model) {
        model.addAttribute("page", kpiPages.withBrief(slug, filter).orElseThrow(() -> notFound("No KPI named " + slug)));
        return "dashboard/kpi";
    }

    @GetMapping(path = "/app/kpi/{slug:[a-z-]+}.csv")
    ResponseEntity<String> csv(@PathVariable String slug, @ModelAttribute("filter") PageFilter filter) {
        String csv = kpiPages.csv(slug, filter).orElseThrow(() -> notFound("No KPI named " + slug));
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header("Content-Disposition", "attachment; filename=\"" + slug + ".csv\"")
                .body(csv);
    }

    @GetMapping("/app/clients/{id:\\d{1,18}}")
    String client(@PathVariable long id, @ModelAttribute("filter") PageFilter filter, Model model) {
        model.addAttribute("page", entities.client(id, filter).orElseThrow(() -> notFound("No such client")));
        return "dashboard/entity";
    }

    @GetMapping("/app/techs/{id:\\d{1,18}}")
    String tech(@PathVariable long id, @ModelAttribute("filter") PageFilter filter, Model model) {
        model.addAttribute("page", entities.tech(id, filter).orElseThrow(() -> notFound("No such tech")));
        return "dashboard/entity";
    }

    @GetMapping("/app/anomalies")
    String anomalies(@RequestParam(defaultValue = "open") String status, @RequestParam(required = false) String kpi,
            @RequestParam(required = false) String done, @ModelAttribute("filter") PageFilter filter, Model model) {
        model.addAttribute("page", anomalies.build(status, kpi, filter, PageModel.signedIn().can(Role.MANAGER), done));
        return "dashboard/anomalies";
    }

    /** Managers and admins (the security configuration holds it); the note says what was done about it. */
    @PostMapping("/app/anomalies/acknowledge")
    String acknowledge(@RequestParam String kpi, @RequestParam String dimension, @RequestParam String key,
            @RequestParam String period, @RequestParam(defaultValue = "") String note, Model model) {
        String text = note.strip();
        if (text.isEmpty() || text.length() > 1000) {
            model.addAttribute("page", anomalies.build("open", null, (PageFilter) model.getAttribute("filter"), true, null));
            model.addAttribute("problem", "Say in a note (1 to 1,000 characters) what was done about " + key + ".");
            return "dashboard/anomalies";
        }
        if (!anomalies.acknowledge(kpi, dimension, key, period, PageModel.signedIn().email(), text)) {
            throw notFound("No such anomaly");
        }
        return "redirect:/app/anomalies?done=" + encode("Acknowledged " + key + " (" + period + ")");
    }

    @GetMapping("/app/sync")
    String sync(@RequestParam(required = false) String done, Model model) {
        model.addAttribute("page", syncPages.build(PageModel.signedIn().can(Role.MANAGER), done, null));
        return "dashboard/sync";
    }

    /** Managers and admins (the security configuration holds it). */
    @PostMapping("/app/sync")
    String syncNow(@RequestParam(defaultValue = "all") String entity, Model model) {
        Optional<String> problem = syncPages.start(entity);
        if (problem.isPresent()) {
            model.addAttribute("page", syncPages.build(true, null, problem.get()));
            return "dashboard/sync";
        }
        return "redirect:/app/sync?done=" + encode("Sync of " + entity + " started; reload to follow it.");
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

    /** Admins only. {@code action=test} calls the service with the form's settings and saves nothing. */
    @PostMapping("/app/settings/connectors/{name:[a-z]+}")
    String connector(@PathVariable String name, @RequestParam(defaultValue = "save") String action,
            @RequestParam Map<String, String> form, Model model) {
        ConnectorFields connector = ConnectorFields.named(name).orElseThrow(() -> notFound("No connector named " + name));
        Map<String, String> fields = new java.util.LinkedHashMap<>(form);
        fields.keySet().retainAll(connector.fields().stream().map(ConnectorFields.Field::name).toList());
        SettingsPages.ConnectorOutcome outcome = "test".equals(action) ? settingsPages.testConnector(connector, fields)
                : settingsPages.saveConnector(connector, fields);
        model.addAttribute("page", settingsPages.build(null, List.of(), outcome, null));
        return "dashboard/settings";
    }

    @GetMapping("/login")
    String signIn(@RequestParam(required = false) String error, @RequestParam(required = false) String signedOut,
            @RequestParam(required = false) String ready, HttpServletRequest request, Model model) {
        // Spring Security keeps why the last attempt failed in the session: a wrong password, the throttle, or what
        // went wrong with single sign-on
        HttpSession session = request.getSession(false);
        Object failure = session == null ? null : session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
        model.addAttribute("failure", error == null ? null
                : failure instanceof UserSignIn.Throttled throttled ? throttled.getMessage()
                : singleSignOn.flatMap(oidc -> oidc.messageFor(failure)).orElse(UserSignIn.WRONG));
        model.addAttribute("signedOut", signedOut != null);
        model.addAttribute("ready", ready != null); // an invitation just accepted
        model.addAttribute("sso", singleSignOn.map(oidc -> new SingleSignOnLink(OidcSignIn.AUTHORIZATION_PATH,
                oidc.providerName())).orElse(null));
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

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** Any other address under the pages (a mistyped id, an old link) is the pages' 404, not the API's problem JSON. */
    @RequestMapping("/app/**")
    String noSuchPage() {
        throw notFound("No such page");
    }

    static ResponseStatusException notFound(String reason) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, reason);
    }
}
