package com.mspanalytics.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.mspanalytics.admin.TenantSeeder;
import com.mspanalytics.auth.users.Role;
import com.mspanalytics.auth.users.Users;
import com.mspanalytics.simulator.oidc.OidcProviderSimulator;
import com.mspanalytics.support.SingleSignOnTest;
import com.mspanalytics.support.TestOidcProvider;
import com.mspanalytics.support.TestTenants;
import com.mspanalytics.tenant.TenantContext;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * Single sign-on in a real Chromium: the sign-in page's link leaves for the provider and comes back signed in,
 * with the pages' Content-Security-Policy in force ({@code form-action 'self'} governs forms, and the link is none).
 */
@SingleSignOnTest
class SingleSignOnBrowserTests {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @AfterEach
    void nobodyToSignIn() {
        TestOidcProvider.provider().signInAs(null);
    }

    @Test
    void theProviderLinkSignsInAndLandsOnTheOverviewWithoutAConsoleProblem() {
        TenantSeeder.SeededTenant tenant = TestTenants.create(context);
        String email = TenantContext.callAs(tenant.tenant(), () -> context.getBean(Users.class)
                .createWithPassword("browser-sso-" + UUID.randomUUID() + "@example.com", "Bea Browser", Role.ADMIN))
                .user().email();
        OidcProviderSimulator provider = TestOidcProvider.provider();
        provider.allowRedirectUri(TestOidcProvider.redirectUri(port));
        provider.signInAs(OidcProviderSimulator.Identity.verified(email));

        try (Browser browser = Browser.open(port)) {
            browser.get("/login");
            browser.screenshot("sign-in-with-provider");
            browser.driver.findElement(By.cssSelector("[data-testid=sso-signin]")).click();
            new WebDriverWait(browser.driver, Duration.ofSeconds(15))
                    .until(driver -> driver.getCurrentUrl().equals(browser.baseUrl + "/"));

            assertThat(browser.driver.getPageSource()).contains(tenant.name(), "Bea Browser", "SOC Metrics");
            assertThat(browser.consoleProblems()).isEmpty();
        }
    }
}
