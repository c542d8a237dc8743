package com.mspanalytics.outbound;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mspanalytics.support.IntegrationTest;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The integration context runs in production mode with the setting unset: the strict default applies. */
@IntegrationTest
class OutboundUrlPolicyIntegrationTests {

    @Autowired
    OutboundUrlPolicy policy;

    @Test
    void refusesLoopbackInProductionModeByDefault() {
        assertThatThrownBy(() -> policy.check(URI.create("https://127.0.0.1/")))
                .isInstanceOf(OutboundUrlRejected.class)
                .hasMessageContaining("a loopback address");
    }
}
