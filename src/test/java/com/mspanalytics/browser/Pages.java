package com.mspanalytics.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.mspanalytics.support.Json;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Page objects of the dashboard: what a user can do on each page, found by id and data-testid, never by style. */
final class Pages {

    private Pages() {
    }

    record SignIn(Browser browser) {

        static SignIn open(Browser browser) {
            browser.get("/login");
            return new SignIn(browser).assertAt();
        }

        SignIn assertAt() {
            assertThat(browser.driver.getTitle()).startsWith("Sign in");
            return this;
        }

        Overview as(String email, String password) {
            browser.driver.findElement(By.id("email")).sendKeys(email);
            browser.driver.findElement(By.id("password")).sendKeys(password);
            browser.driver.findElement(By.id("signin")).click();
            return new Overview(browser).assertAt();
        }
    }

    record Overview(Browser browser) {

        Overview assertAt() {
            new WebDriverWait(browser.driver, Duration.ofSeconds(10))
                    .until(d -> d.getTitle().startsWith("Overview"));
            return this;
        }

        List<WebElement> tiles() {
            return browser.driver.findElements(By.cssSelector("[data-testid=tiles] > li"));
        }

        String headline(String slug) {
            return browser.driver.findElement(By.cssSelector("li[data-kpi='" + slug + "'] [data-testid=headline]")).getText();
        }

        String resultId(String slug) {
            return browser.driver.findElement(By.cssSelector("li[data-kpi='" + slug + "']")).getDomAttribute("data-result-id");
        }

        String state(String slug) {
            return browser.driver.findElement(By.cssSelector("li[data-kpi='" + slug + "'] [data-testid=state]")).getText();
        }

        Kpi open(String slug) {
            browser.driver.findElement(By.cssSelector("li[data-kpi='" + slug + "'] a")).click();
            return new Kpi(browser).assertAt();
        }
    }

    record Kpi(Browser browser) {

        static Kpi open(Browser browser, String slug) {
            browser.get("/app/kpi/" + slug);
            return new Kpi(browser).assertAt();
        }

        Kpi assertAt() {
            new WebDriverWait(browser.driver, Duration.ofSeconds(10))
                    .until(d -> d.findElements(By.id("kpi-title")).size() == 1);
            return this;
        }

        String headline() {
            return browser.driver.findElement(By.cssSelector("[data-testid=headline]")).getText();
        }

        String resultId() {
            return browser.driver.findElement(By.cssSelector("[data-testid=headline-box]")).getDomAttribute("data-result-id");
        }

        boolean hasChart() {
            return !browser.driver.findElements(By.cssSelector("[data-testid=chart]")).isEmpty();
        }

        /** Waits for charts.js to draw the chart; false if it never does. */
        boolean chartDrawn() {
            try {
                new WebDriverWait(browser.driver, Duration.ofSeconds(10)).until(d -> "true".equals(
                        d.findElement(By.cssSelector("[data-testid=chart]")).getDomAttribute("data-drawn")));
                return true;
            } catch (org.openqa.selenium.TimeoutException e) {
                return false;
            }
        }

        /** The chart's text alternative: what a screen reader says for the canvas. */
        String chartSummary() {
            return browser.driver.findElement(By.cssSelector("[data-testid=chart]")).getDomAttribute("aria-label");
        }

        /** Bars in the chart's own data, as charts.js reads it. */
        int chartBars() {
            String spec = browser.driver.findElement(By.cssSelector("[data-testid=chart]")).getDomAttribute("data-chart");
            return Json.parse(spec).path("labels").size();
        }

        /** Rows of the table of the chart's figures under it (folded away until opened, so counted in the DOM). */
        int chartFigureRows() {
            return browser.driver.findElements(By.cssSelector("[data-testid=chart-data] tbody tr")).size();
        }

        /** Unfolds the table of the chart's figures, as a reader who cannot see the canvas would. */
        Kpi openChartFigures() {
            browser.driver.findElement(By.cssSelector("[data-testid=chart-data] summary")).click();
            return this;
        }

        int tableRows() {
            return browser.driver.findElements(By.cssSelector("[data-testid=rows] tbody tr")).size();
        }

        String tableText() {
            List<WebElement> table = browser.driver.findElements(By.cssSelector("[data-testid=rows]"));
            return table.isEmpty() ? "" : table.get(0).getText();
        }
    }

    record Anomalies(Browser browser) {

        static Anomalies open(Browser browser) {
            browser.get("/app/anomalies");
            return new Anomalies(browser).assertAt();
        }

        Anomalies assertAt() {
            new WebDriverWait(browser.driver, Duration.ofSeconds(10)).until(d -> d.getTitle().startsWith("Anomalies"));
            return this;
        }

        int count() {
            return browser.driver.findElements(By.cssSelector("[data-testid=anomalies] > li")).size();
        }

        /** Acknowledges the first open anomaly with the note; returns the inbox it lands on. */
        Anomalies acknowledgeFirst(String note) {
            WebElement form = browser.driver.findElement(By.cssSelector("[data-testid=acknowledge]"));
            form.findElement(By.name("note")).sendKeys(note);
            form.findElement(By.cssSelector("button")).click();
            return assertAt();
        }

        String flash() {
            return browser.driver.findElement(By.cssSelector("[data-testid=flash]")).getText();
        }

        Anomalies show(String status) {
            browser.get("/app/anomalies?status=" + status);
            return assertAt();
        }

        String text() {
            return browser.driver.findElement(By.tagName("main")).getText();
        }
    }

    record Settings(Browser browser) {

        static Settings open(Browser browser) {
            browser.get("/app/settings");
            return new Settings(browser).assertAt();
        }

        Settings assertAt() {
            new WebDriverWait(browser.driver, Duration.ofSeconds(10)).until(d -> d.getTitle().startsWith("Settings"));
            return this;
        }

        Settings target(String slug, String green, String amber) {
            WebElement g = browser.driver.findElement(By.id("green-" + slug));
            g.clear();
            g.sendKeys(green);
            WebElement a = browser.driver.findElement(By.id("amber-" + slug));
            a.clear();
            a.sendKeys(amber);
            return this;
        }

        Settings save() {
            browser.driver.findElement(By.id("save-targets")).click();
            return assertAt();
        }

        List<String> problems() {
            return browser.driver.findElements(By.cssSelector("[data-testid=problems] li")).stream()
                    .map(WebElement::getText).toList();
        }

        String flash() {
            return browser.driver.findElement(By.cssSelector("[data-testid=flash]")).getText();
        }
    }
}
