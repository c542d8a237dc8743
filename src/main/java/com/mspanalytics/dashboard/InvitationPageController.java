package com.mspanalytics.dashboard;

import com.mspanalytics.auth.users.Invitations;
import com.mspanalytics.auth.users.OpenInvitation;
import com.mspanalytics.auth.users.Role;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Inviting people from the settings page (admins only, the security configuration holds it), and the public page
 * behind an invitation link, where the invitee chooses a password.
 */
@Controller
class InvitationPageController {

    private final Invitations invitations;
    private final SettingsPages settingsPages;
    private final PublicBaseUrl baseUrl;

    InvitationPageController(Invitations invitations, SettingsPages settingsPages, PublicBaseUrl baseUrl) {
        this.invitations = invitations;
        this.settingsPages = settingsPages;
        this.baseUrl = baseUrl;
    }

    /**
     * Renders the settings page with the new link rather than redirecting to it, so that the token is never kept
     * in the session or put in a URL the browser records; a reload is refused as already invited.
     */
    @PostMapping("/app/settings/invitations")
    String invite(@RequestParam(defaultValue = "") String email, @RequestParam(defaultValue = "") String displayName,
            @RequestParam(defaultValue = "viewer") String role, Model model) {
        try {
            Invitations.NewInvitation created = invitations.invite(email, displayName, Role.fromWire(role),
                    PageModel.signedIn().id());
            model.addAttribute("page", settingsPages.build(null, List.of(), null,
                    new SettingsPage.Invited(created.email(), created.link(baseUrl.current()))));
        } catch (IllegalArgumentException e) {
            model.addAttribute("page", settingsPages.build(null, List.of(e.getMessage())));
        }
        return "dashboard/settings";
    }

    /** Another tenant's invitation is a 404, like one that does not exist (row-level security hides it). */
    @PostMapping("/app/settings/invitations/{id:[0-9a-fA-F-]{36}}/revoke")
    String revoke(@PathVariable UUID id) {
        if (!invitations.revoke(id)) {
            throw PageControllers.notFound("No such invitation");
        }
        return "redirect:/app/settings?done=Invitation%20revoked";
    }

    @GetMapping("/invite/{token}")
    String open(@PathVariable String token, Model model, HttpServletResponse response) {
        return invitations.open(token).map(invitation -> form(token, invitation, null, model))
                .orElseGet(() -> unusable(model, response));
    }

    @PostMapping("/invite/{token}")
    String accept(@PathVariable String token, @RequestParam(defaultValue = "") String password,
            @RequestParam(defaultValue = "") String confirmation, Model model, HttpServletResponse response) {
        try {
            invitations.accept(token, password, confirmation);
            return "redirect:/login?ready";
        } catch (Invitations.LinkUnusable e) {
            return unusable(model, response);
        } catch (IllegalArgumentException e) {
            return invitations.open(token).map(invitation -> form(token, invitation, e.getMessage(), model))
                    .orElseGet(() -> unusable(model, response));
        }
    }

    private static String form(String token, OpenInvitation invitation, @Nullable String problem, Model model) {
        model.addAttribute("page", new InvitePage("/invite/" + token, invitation.tenantName(), invitation.email(),
                invitation.displayName(), invitation.role().wireName(), problem));
        return "dashboard/invite";
    }

    /** Expired, used, revoked or never issued: one page for all, so that the link tells nothing more. */
    private static String unusable(Model model, HttpServletResponse response) {
        response.setStatus(HttpStatus.GONE.value());
        model.addAttribute("message", Invitations.UNUSABLE);
        return "dashboard/invite";
    }
}
