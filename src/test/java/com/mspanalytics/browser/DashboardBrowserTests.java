package com.mspanalytics.browser;

import com.mspanalytics.kpi.KpiCatalog;
import static org.assertj.core.api.Assertions.assertThat;

import com.mspanalytics.auth.users.Role;
import com.mspanalytics.auth.users.Users;
import com.mspanalytics.kpi.KpiCatalog;
import com.mspanalytics.kpi.KpiService;
import com.mspanalytics.support.Http;
import com.mspanalytics.support.Json;
import com.mspanalytics.support.KpiWorldTest;
import com.mspanalytics.support.SyncedWorld;
import com.mspanalytics.support.TestDatabase;
import com.mspanalytics.tenant.TenantContext;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The dashboard in a real headless Chromium, on the tiny simulated world synced into its own tenant, whose company
 * names and ticket summaries carry script: every page is visited, its figures compared with the API's for the same
 * stored result, and no script of the data may run, nor any console error or CSP violation appear. Each page is
 * also checked by axe-core (no serious or critical violation) where the flow already shows it, and the busiest are
 * tabbed through from the top: every control reached, in order, with a visible focus.
 */
@KpiWorldTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardBrowserTests {

    static final String PAYLOAD = "<img src=x onerror=\"window.__xss=1\"><script>window.__xss=2</script>";

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    SyncedWorld world;
    Users.NewUser admin;
    Users.NewUser viewer;
    Browser browser;

    @BeforeAll
    void syncPlantAndSignIn() {
        world = SyncedWorld.syncInto(context, "Browser MSP " + UUID.randomUUID());
        KpiService kpis = context.getBean(KpiService.class);
        JdbcClient owner = JdbcClient.create(TestDatabase.ownerDataSource());
        owner.sql("UPDATE cw_companies SET name = name || ' ' || :payload WHERE tenant_id = :tenant")
                .param("payload", PAYLOAD).param("tenant", world.tenant().tenant().value()).update();
        owner.sql("UPDATE cw_tickets SET summary = summary || ' ' || :payload WHERE tenant_id = :tenant")
                .param("payload", PAYLOAD).param("tenant", world.tenant().tenant().value()).update();
        TenantContext.runAs(world.tenant().tenant(), () -> kpis.computeAll(SyncedWorld.END_DATE));
        Users users = context.getBean(Users.class);
        admin = TenantContext.callAs(world.tenant().tenant(),
                () -> users.createWithPassword("admin-" + UUID.randomUUID() + "@example.com", "Ada Admin", Role.ADMIN));
        viewer = TenantContext.callAs(world.tenant().tenant(),
                () -> users.createWithPassword("viewer-" + UUID.randomUUID() + "@example.com", "Vic Viewer", Role.VIEWER));
        browser = Browser.open(port);
    }

    @AfterAll
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void everyPageShowsTheApisFiguresAndRunsNoScriptOfTheData() {
        Accessibility a11y = new Accessibility();
        Pages.SignIn signIn = Pages.SignIn.open(browser);
        a11y.check(browser, "sign-in");
        Pages.Overview overview = signIn.as(admin.user().email(), admin.password());
        assertThat(overview.tiles()).hasSize(12);
        browser.screenshot("overview");
        a11y.check(browser, "overview");
        Keyboard.tabThrough(browser).assertEveryControlReachedVisibly("overview");
        Http api = new Http(port, world.tenant().apiKey());
        for (KpiCatalog.Entry kpi : KpiCatalog.ALL) {
            JsonNode shownResult = stored(api, kpi.slug(), overview.resultId(kpi.slug()));
            assertThat(number(overview.headline(kpi.slug()))).as(kpi.slug() + " on the overview")
                    .isEqualTo(shown(shownResult.path("headline")));
            assertThat(overview.state(kpi.slug())).isNotBlank();
        }
        assertThat(browser.consoleProblems()).as("console of the overview").isEmpty();

        for (KpiCatalog.Entry kpi : KpiCatalog.ALL) {
            Pages.Kpi page = Pages.Kpi.open(browser, kpi.slug());
            JsonNode latest = stored(api, kpi.slug(), page.resultId());
            assertThat(number(page.headline())).as(kpi.slug()).isEqualTo(shown(latest.path("headline")));
            assertThat(page.tableRows()).as(kpi.slug() + " rows").isEqualTo(Math.min(200, latest.path("rows").size()));
            if (page.hasChart()) {
                assertThat(page.chartDrawn()).as(kpi.slug() + " chart drawn").isTrue();
                assertThat(page.chartSummary()).as(kpi.slug() + " chart's text alternative").contains(" bar");
                assertThat(page.chartFigureRows()).as(kpi.slug() + " chart's figures").isEqualTo(page.chartBars());
            }
            browser.screenshot("kpi-" + kpi.slug());
            a11y.check(browser, kpi.slug());
            assertThat(browser.driver.executeScript("return window.__xss === undefined")).as(kpi.slug()).isEqualTo(true);
            assertThat(browser.consoleProblems()).as("console of " + kpi.slug()).isEmpty();
        }
        // the planted markup is on the pages, as text
        assertThat(Pages.Kpi.open(browser, "time-consumption").tableText()).contains("<script>window.__xss=2</script>");
        // a client named in a table leads to its page, and its tech to theirs
        Pages.Kpi.open(browser, "agreement-mismatch");
        Keyboard.tabThrough(browser).assertEveryControlReachedVisibly("agreement-mismatch");
        browser.driver.findElement(org.openqa.selenium.By.cssSelector("[data-testid=rows] tbody a")).click();
        assertThat(browser.driver.getTitle()).contains("Client");
        assertThat(new Pages.Kpi(browser).chartDrawn()).isTrue();
        browser.screenshot("client");
        a11y.check(browser, "client");
        new Pages.Kpi(browser).openChartFigures();
        browser.screenshot("client-chart-figures");
        a11y.check(browser, "client, the chart's figures unfolded");
        String client = browser.driver.getCurrentUrl();
        browser.driver.findElement(org.openqa.selenium.By.cssSelector("[data-testid=tickets] tbody a")).click();
        assertThat(browser.driver.getTitle()).contains("Tech");
        browser.screenshot("tech");
        a11y.check(browser, "tech");
        assertThat(browser.driver.executeScript("return window.__xss === undefined")).isEqualTo(true);
        assertThat(browser.consoleProblems()).as("console of the client and tech pages").isEmpty();
        browser.driver.get(client);
        Keyboard.tabThrough(browser).assertEveryControlReachedVisibly("client");

        browser.get("/app/kpi/no-such-kpi");
        assertThat(browser.driver.getTitle()).startsWith("404");
        a11y.check(browser, "404");
        a11y.assertNoBlockingViolation();
    }

    @Test
    void theSkipLinkLeadsToTheContentAndTheOverviewFitsALaptopAndATv() {
        try (Browser other = Browser.open(port)) {
            Pages.SignIn.open(other).as(admin.user().email(), admin.password());
            other.get("/");
            assertThat(Keyboard.firstTab(other).element()).isEqualTo("a \"Skip to content\"");
            other.screenshot("skip-link");
            Keyboard.enter(other);
            Keyboard.tab(other);
            assertThat(Keyboard.focusIsIn(other, "main")).as("the first Tab after the skip link is in main").isTrue();
            for (Browser.Viewport size : Browser.Viewport.TARGETS) {
                other.viewport(size);
                other.get("/");
                assertThat(other.scrollsSideways()).as("overview scrolls sideways at " + size).isFalse();
                other.screenshot("overview-" + size);
            }
        }
    }

    @Test
    void anAdminAcknowledgesAnAnomalyWithANoteAndChangesATarget() {
        try (Browser other = Browser.open(port)) {
            Pages.Overview overview = Pages.SignIn.open(other).as(admin.user().email(), admin.password());
            String stateBefore = overview.state("sales-opportunities");

            Accessibility a11y = new Accessibility();
            Pages.Anomalies inbox = Pages.Anomalies.open(other);
            a11y.check(other, "anomalies");
            Keyboard.tabThrough(other).assertEveryControlReachedVisibly("anomalies");
            int open = inbox.count();
            assertThat(open).as("the tiny world's open anomalies").isPositive();
            inbox = inbox.acknowledgeFirst("Called the client <b>about it</b>");
            assertThat(inbox.flash()).startsWith("Acknowledged");
            assertThat(inbox.count()).isEqualTo(open - 1);
            assertThat(inbox.show("acknowledged").text()).contains("Note: Called the client <b>about it</b>",
                    "by " + admin.user().email());

            Pages.Settings.open(other);
            a11y.check(other, "settings");
            Keyboard.tabThrough(other).assertEveryControlReachedVisibly("settings");
            Pages.Settings settings = Pages.Settings.open(other).target("sales-opportunities", "5", "2").save();
            assertThat(settings.problems()).containsExactly(
                    "Sales Opportunities: lower is better, so green must be at most amber.");
            a11y.check(other, "settings with problems");
            settings = settings.target("sales-opportunities", "0", "0").save();
            assertThat(settings.flash()).isEqualTo("Targets saved");
            other.get("/");
            String stateAfter = new Pages.Overview(other).assertAt().state("sales-opportunities");
            assertThat(stateAfter).isEqualTo("off target").isNotEqualTo(stateBefore);
            assertThat(other.consoleProblems()).isEmpty();
            a11y.assertNoBlockingViolation();
        }
    }

    @Test
    void aViewerGetsANotAllowedPageOnAdminPages() {
        try (Browser other = Browser.open(port)) {
            Pages.SignIn.open(other).as(viewer.user().email(), viewer.password());
            other.get("/app/settings");
            assertThat(other.driver.getTitle()).startsWith("403");
            assertThat(other.driver.getPageSource()).contains("Not allowed");
            Accessibility a11y = new Accessibility();
            a11y.check(other, "403");
            a11y.assertNoBlockingViolation();
        }
    }

    @Test
    void aTvLinkShowsTheTilesOnOneFullHdScreenAndRotatesToAKpiWithoutConsoleProblems() {
        String token = TenantContext.callAs(world.tenant().tenant(), () -> context
                .getBean(com.mspanalytics.auth.tv.TvLinks.class).create("Service desk screen",
                        java.time.Duration.ofDays(7), java.util.List.of("overview", "time-consumption"), 15,
                        admin.user().id())).token();
        try (Browser screen = Browser.open(port)) {
            screen.driver.manage().window().setSize(new org.openqa.selenium.Dimension(1920, 1080));
            screen.get("/tv/" + token);
            java.util.List<org.openqa.selenium.WebElement> tiles = screen.driver.findElements(
                    org.openqa.selenium.By.cssSelector("[data-testid=tiles] li"));
            assertThat(tiles).hasSize(12);
            Http api = new Http(port, world.tenant().apiKey());
            for (org.openqa.selenium.WebElement tile : tiles) {
                String slug = tile.getDomAttribute("data-kpi");
                JsonNode shownResult = stored(api, slug, tile.getDomAttribute("data-result-id"));
                String headline = tile.findElement(org.openqa.selenium.By.cssSelector("[data-testid=headline]")).getText();
                assertThat(number(headline)).as(slug + " on the TV").isEqualTo(shown(shownResult.path("headline")));
            }
            // readable across the room, and all twelve on the screen without scrolling
            assertThat(screen.driver.executeScript("var figure = document.querySelector('[data-testid=headline]');"
                    + "var last = document.querySelector('[data-testid=tiles] li:last-child');"
                    + "return parseFloat(getComputedStyle(figure).fontSize) >= 40"
                    + " && last.getBoundingClientRect().bottom <= window.innerHeight")).isEqualTo(true);
            screen.screenshot("tv-overview");
            assertThat(screen.driver.executeScript("return window.__xss === undefined")).isEqualTo(true);
            assertThat(screen.consoleProblems()).as("console of the TV overview").isEmpty();

            new org.openqa.selenium.support.ui.WebDriverWait(screen.driver, java.time.Duration.ofSeconds(40))
                    .until(d -> d.getCurrentUrl().endsWith("/tv/" + token + "?page=1"));
            assertThat(new Pages.Kpi(screen).chartDrawn()).as("the KPI's chart on the TV").isTrue();
            screen.screenshot("tv-kpi");
            assertThat(screen.driver.executeScript("return window.__xss === undefined")).isEqualTo(true);
            assertThat(screen.consoleProblems()).as("console of the TV KPI page").isEmpty();
        }
    }

    /** The API's copy of the stored result a page shows, by its id. */
    private static JsonNode stored(Http api, String slug, String id) {
        for (JsonNode result : Json.parse(api.get("/kpi/" + slug + "/results?limit=50").body())) {
            if (result.path("id").asString().equals(id)) {
                return result;
            }
        }
        throw new AssertionError("The API has no result " + id + " of " + slug);
    }

    /** The figure as the page shows it, as a number: "7,080 CAD" → 7080, "62.5 %" → 62.5, "–" → null. */
    private static BigDecimal number(String shown) {
        String digits = shown.replace(",", "").replace("−", "-").split(" ")[0];
        return digits.equals("–") ? null : new BigDecimal(digits);
    }

    /** The API's headline value at the precision the page shows. */
    private static BigDecimal shown(JsonNode headline) {
        if (headline.path("value").isNull() || headline.path("value").isMissingNode()) {
            return null;
        }
        BigDecimal value = headline.path("value").decimalValue();
        return switch (headline.path("unit").asString()) {
            case "SHARE" -> value.movePointRight(2).setScale(1, RoundingMode.HALF_UP);
            case "MONEY" -> value.setScale(0, RoundingMode.HALF_UP);
            case "HOURS" -> value.setScale(1, RoundingMode.HALF_UP);
            default -> value;
        };
    }
}
