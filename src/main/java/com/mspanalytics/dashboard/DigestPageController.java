package com.mspanalytics.dashboard;

import com.mspanalytics.alerts.Notification;
import com.mspanalytics.alerts.digest.Digests;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * This week's digest as it will be mailed (managers and admins): the page frames the e-mail's HTML, which is served
 * on its own with a policy of its own, because a mail's styles are inline and the pages' policy forbids them.
 */
@Controller
class DigestPageController {

    /** The mail's HTML may style itself and show its embedded charts, and nothing else; only our pages may frame it. */
    static final String MAIL_POLICY = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
            + "frame-ancestors 'self'; base-uri 'none'; form-action 'none'";

    private final Digests digests;

    DigestPageController(Digests digests) {
        this.digests = digests;
    }

    /** A record for the template: what the page says around the framed mail. */
    public record DigestPage(String subject, String recipients, @Nullable String flash) {
    }

    @GetMapping("/app/digest")
    String digest(@RequestParam(required = false) String done, Model model) {
        Digests.Preview preview = digests.preview();
        model.addAttribute("page", new DigestPage(preview.subject(), preview.recipients() == null
                ? "nobody yet: an admin sets up e-mail (SMTP) under Settings" : preview.recipients(), done));
        model.addAttribute("text", preview.text());
        return "dashboard/digest";
    }

    @GetMapping(value = "/app/digest/mail", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> mail() {
        return ResponseEntity.ok()
                .header("Content-Security-Policy", MAIL_POLICY)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .body(digests.preview().html());
    }

    @PostMapping("/app/digest/send")
    String send(Model model) {
        String outcome;
        try {
            Notification sent = digests.sendNow();
            outcome = "sent".equals(sent.status()) ? "Digest sent to " + sent.items() + " recipients."
                    : "The digest was not sent: " + sent.error();
        } catch (Digests.SmtpNotConfigured e) {
            outcome = "No e-mail (SMTP) server is set up; an admin sets it up under Settings.";
        }
        return "redirect:/app/digest?done=" + URLEncoder.encode(outcome, StandardCharsets.UTF_8);
    }
}
