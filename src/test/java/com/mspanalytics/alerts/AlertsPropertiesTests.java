package com.mspanalytics.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mspanalytics.config.InvalidConfigurationException;
import org.junit.jupiter.api.Test;

/** PUBLIC_URL: optional, refused at startup when it is not an http(s) URL, and the base of every link. */
class AlertsPropertiesTests {

    @Test
    void linksAreBuiltUnderThePublicUrlWithOrWithoutItsTrailingSlash() {
        assertThat(new AlertsProperties("https://analytics.example.com/", 10, 2).link("/kpi/ticket-trends/results"))
                .isEqualTo("https://analytics.example.com/kpi/ticket-trends/results");
        assertThat(new AlertsProperties(" https://msp.example/analytics ", 10, 2).link("/kpi"))
                .isEqualTo("https://msp.example/analytics/kpi");
    }

    @Test
    void withoutAPublicUrlMessagesCarryNoLinks() {
        assertThat(new AlertsProperties(null, 10, 2).link("/kpi")).isNull();
        assertThat(new AlertsProperties("", 10, 2).link("/kpi")).isNull();
    }

    @Test
    void aPublicUrlThatIsNotHttpIsRefusedNamingTheVariableAndWhatToDo() {
        for (String bad : new String[] {"ftp://example.com", "example.com", "https://", "javascript:alert(1)"}) {
            assertThatThrownBy(() -> new AlertsProperties(bad, 10, 2)).as(bad)
                    .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> {
                        assertThat(e.getMessage()).startsWith("PUBLIC_URL (msp.alerts.public-url) must be an http(s) URL");
                        assertThat(e.action()).contains("PUBLIC_URL").doesNotContain("openssl");
                    });
        }
    }
}
