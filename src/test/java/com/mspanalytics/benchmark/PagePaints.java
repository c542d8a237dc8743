package com.mspanalytics.benchmark;

import com.mspanalytics.browser.Browser;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Pages in the browser tests' headless Chromium, signed in as a user: the first contentful paint of each load (Paint
 * Timing, counted from the navigation's start, so the server's time is in it) and the scripts a page loads.
 */
final class PagePaints implements AutoCloseable {

    private static final String FIRST_CONTENTFUL_PAINT = "const p = performance.getEntriesByType('paint')"
            + ".find(e => e.name === 'first-contentful-paint'); return p ? p.startTime : null;";
    private static final String SCRIPTS = "return performance.getEntriesByType('resource')"
            + ".filter(e => e.initiatorType === 'script').map(e => e.name);";

    /** The first contentful paints of one page: every load a first visit (no HTTP cache), then return visits. */
    record Paint(double[] firstVisitMs, double[] returnVisitMs) {
    }

    private final Browser browser;

    private PagePaints(Browser browser) {
        this.browser = browser;
    }

    static PagePaints signIn(int port, String email, String password) {
        Browser browser = Browser.open(port);
        try {
            browser.get("/login");
            browser.driver.findElement(By.id("email")).sendKeys(email);
            browser.driver.findElement(By.id("password")).sendKeys(password);
            browser.driver.findElement(By.id("signin")).click();
            new WebDriverWait(browser.driver, Duration.ofSeconds(30)).until(d -> d.getTitle().startsWith("Overview"));
            browser.driver.executeCdpCommand("Network.enable", Map.of());
            return new PagePaints(browser);
        } catch (RuntimeException e) {
            browser.close();
            throw e;
        }
    }

    /** One unmeasured load (Chromium's own first navigation of a page costs more), then {@code runs} of each kind. */
    Paint paint(String path, int runs) {
        cache(false);
        load(path);
        double[] first = new double[runs];
        for (int i = 0; i < runs; i++) {
            first[i] = load(path);
        }
        cache(true);
        load(path);
        double[] again = new double[runs];
        for (int i = 0; i < runs; i++) {
            again[i] = load(path);
        }
        return new Paint(first, again);
    }

    /** The paths of the scripts the page loads, in the order it requested them. */
    List<String> scripts(String path) {
        load(path);
        List<?> urls = (List<?>) browser.driver.executeScript(SCRIPTS);
        return urls.stream().map(url -> URI.create(url.toString()).getRawPath()).distinct().toList();
    }

    /** Loads the page (until its load event) and returns its first contentful paint in ms. */
    private double load(String path) {
        browser.get(path);
        Object fcp = new WebDriverWait(browser.driver, Duration.ofSeconds(10))
                .until(d -> browser.driver.executeScript(FIRST_CONTENTFUL_PAINT));
        return ((Number) fcp).doubleValue();
    }

    private void cache(boolean enabled) {
        browser.driver.executeCdpCommand("Network.setCacheDisabled", Map.of("cacheDisabled", !enabled));
    }

    @Override
    public void close() {
        browser.close();
    }
}
