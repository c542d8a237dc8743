package com.mspanalytics.dashboard;

import com.mspanalytics.alerts.AlertsProperties;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Where people reach the dashboard, for the links an admin passes on (invitations, TV screens). */
@Component
class PublicBaseUrl {

    private final AlertsProperties alerts;

    PublicBaseUrl(AlertsProperties alerts) {
        this.alerts = alerts;
    }

    /** PUBLIC_URL when set, else the address the admin of the current request is using. */
    String current() {
        String configured = alerts.publicUrl();
        return configured != null && !configured.isBlank() ? configured.strip()
                : ServletUriComponentsBuilder.fromCurrentContextPath().toUriString();
    }
}
