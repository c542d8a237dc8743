package com.mspanalytics.auth.users;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** @param lifetime how long an invitation link can be used after it was created */
@ConfigurationProperties("msp.invitations")
record InvitationProperties(@DefaultValue("72h") Duration lifetime) {

    InvitationProperties {
        if (lifetime.toMinutes() < 1) {
            throw new IllegalArgumentException("msp.invitations.lifetime must be at least a minute");
        }
    }
}
