package com.mspanalytics.alerts.digest;

import com.mspanalytics.alerts.Notification;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Alerts and digests")
class DigestController {

    private final Digests digests;

    DigestController(Digests digests) {
        this.digests = digests;
    }

    @GetMapping(value = "/digest/preview", produces = MediaType.TEXT_HTML_VALUE)
    @Operation(summary = "The weekly digest of the last complete week, as HTML with its charts (permission: read)",
            description = "Computes the week's KPIs (stored like any computation) and renders the e-mail; "
                    + "nothing is sent.")
    @ApiResponse(responseCode = "200", description = "The digest",
            content = @Content(mediaType = MediaType.TEXT_HTML_VALUE, schema = @Schema(type = "string")))
    String preview() {
        return digests.preview().html();
    }

    @PostMapping("/digest/send")
    @Operation(summary = "Send the weekly digest of the last complete week now (permission: admin)",
            description = "To check the SMTP settings or resend a digest. Logged in GET /notifications as "
                    + "digest-manual; the scheduled weekly digest is not affected. A failed delivery answers 200 "
                    + "with status failed and the reason.")
    @ApiResponse(responseCode = "200", description = "The delivery as recorded: sent, or failed with the reason")
    @ApiResponse(responseCode = "409", description = "No SMTP server is configured")
    Notification send() {
        try {
            return digests.sendNow();
        } catch (Digests.SmtpNotConfigured e) {
            throw new ErrorResponseException(HttpStatus.CONFLICT,
                    ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage()), null);
        }
    }
}
