package com.mspanalytics.dashboard;

import com.mspanalytics.auth.tv.TvLinks;
import com.mspanalytics.auth.tv.TvScreen;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * TV links from the settings page (admins only, the security configuration holds it), and the screen behind a link:
 * the overview and the chosen KPI pages in turn, read-only.
 */
@Controller
class TvPageController {

    private final TvLinks links;
    private final TvPages tvPages;
    private final SettingsPages settingsPages;
    private final PublicBaseUrl baseUrl;

    TvPageController(TvLinks links, TvPages tvPages, SettingsPages settingsPages, PublicBaseUrl baseUrl) {
        this.links = links;
        this.tvPages = tvPages;
        this.settingsPages = settingsPages;
        this.baseUrl = baseUrl;
    }

    /** Renders the settings page with the new link rather than redirecting to it, so that the token is shown once. */
    @PostMapping("/app/settings/tv")
    String create(@RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "0") int lifetimeDays,
            @RequestParam(defaultValue = "") List<String> pages, @RequestParam(defaultValue = "0") int rotateSeconds,
            Model model) {
        try {
            TvLinks.NewTvLink created = links.create(name, TvLinkForm.lifetime(lifetimeDays), TvLinkForm.pages(pages),
                    TvLinkForm.rotation(rotateSeconds), PageModel.signedIn().id());
            model.addAttribute("page", settingsPages.build(null, List.of())
                    .withTvCreated(new SettingsPage.TvCreated(created.name(), created.link(baseUrl.current()))));
        } catch (IllegalArgumentException e) {
            model.addAttribute("page", settingsPages.build(null, List.of(e.getMessage())));
        }
        return "dashboard/settings";
    }

    /** Another tenant's link is a 404, like one that does not exist (row-level security hides it). */
    @PostMapping("/app/settings/tv/{id:[0-9a-fA-F-]{36}}/revoke")
    String revoke(@PathVariable UUID id) {
        if (!links.revoke(id)) {
            throw PageControllers.notFound("No such TV link");
        }
        return "redirect:/app/settings?done=TV%20link%20revoked";
    }

    /**
     * The screen's page; the link's token in the path was checked by the TV pages' security chain, which made the
     * request's principal the screen. Without one the link is dead: one page (410) for expired, revoked and unknown.
     */
    @GetMapping("/tv/{token}")
    String screen(@RequestParam(defaultValue = "0") String page, Model model, HttpServletResponse response) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof TvScreen screen) {
            model.addAttribute("page", tvPages.build(screen, page));
        } else {
            response.setStatus(HttpStatus.GONE.value());
            model.addAttribute("message", TvLinks.UNUSABLE);
        }
        return "tv/screen";
    }
}
