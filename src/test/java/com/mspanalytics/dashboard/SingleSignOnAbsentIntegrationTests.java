package com.mspanalytics.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.mspanalytics.support.IntegrationTest;
import com.mspanalytics.support.PageSession;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Without OIDC_ISSUER_URI there is no single sign-on: no link on the sign-in page, nothing behind /oauth2. */
@IntegrationTest
class SingleSignOnAbsentIntegrationTests {

    @LocalServerPort
    int port;

    @Test
    void theSignInPageHasNoProviderLinkAndTheOauth2PathsAreNoEndpoints() {
        PageSession browser = new PageSession(port);

        assertThat(browser.get("/login").body()).contains("Sign in to MSP Analytics")
                .doesNotContain("Sign in with", "/oauth2/");
        for (String path : new String[] {"/oauth2/authorization/oidc", "/login/oauth2/code/oidc?code=x&state=y"}) {
            HttpResponse<String> response = browser.get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(302);
            assertThat(response.headers().firstValue("Location").orElseThrow()).as(path).endsWith("/login");
        }
    }
}
