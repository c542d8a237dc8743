package com.mspanalytics.alerts;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Alerts and digests", description = "Slack anomaly alerts and weekly e-mail digests")
class NotificationController {

    private final Notifications notifications;

    NotificationController(Notifications notifications) {
        this.notifications = notifications;
    }

    @GetMapping("/notifications")
    @Operation(summary = "Slack alerts and e-mail digests sent, or that failed, newest first (permission: read)",
            description = "A failing Slack webhook or SMTP server never fails the KPI run or the job; this is where "
                    + "it shows, with the number of attempts and the reason.")
    List<Notification> recent(@RequestParam(required = false) @Pattern(regexp = "slack|email") String channel,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
        return notifications.recent(channel, limit);
    }
}
