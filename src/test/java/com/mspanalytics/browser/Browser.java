package com.mspanalytics.browser;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * The system's headless Chromium driven by its chromedriver (Debian packages {@code chromium} and
 * {@code chromium-driver}; paths from {@code CHROMIUM} and {@code CHROMEDRIVER}, else /usr/bin). Without them the
 * browser tests are skipped with a message, unless {@code BROWSER_TESTS=required} (CI sets it): then they fail.
 * Public for the page benchmark ({@code com.mspanalytics.benchmark.PageBenchmark}), which paints pages in it.
 */
public final class Browser implements AutoCloseable {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    public final ChromeDriver driver;
    final String baseUrl;
    private final Path profile;

    private Browser(ChromeDriver driver, String baseUrl, Path profile) {
        this.driver = driver;
        this.baseUrl = baseUrl;
        this.profile = profile;
    }

    public static Browser open(int port) {
        File chromium = new File(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
        File chromedriver = new File(System.getenv().getOrDefault("CHROMEDRIVER", "/usr/bin/chromedriver"));
        if (!chromium.canExecute() || !chromedriver.canExecute()) {
            String message = "Browser tests need Chromium and chromedriver (" + chromium + ", " + chromedriver
                    + "): on Debian or Ubuntu `apt-get install chromium chromium-driver`, or set CHROMIUM and CHROMEDRIVER.";
            if ("required".equals(System.getenv("BROWSER_TESTS"))) {
                throw new IllegalStateException(message);
            }
            Assumptions.abort(message);
        }
        try {
            Path profile = Files.createTempDirectory("chromium-profile");
            ChromeOptions options = new ChromeOptions().setBinary(chromium)
                    .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                            "--disable-quic", "--no-first-run", "--disable-background-networking",
                            "--disable-component-update", "--disable-sync", "--window-size=1440,1000",
                            "--user-data-dir=" + profile);
            LoggingPreferences logs = new LoggingPreferences();
            logs.enable(LogType.BROWSER, Level.ALL);
            options.setCapability("goog:loggingPrefs", logs);
            ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver)
                    .usingAnyFreePort().build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
            // axe-core's run on a page with a 200-row table takes seconds on two shared cores
            driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
            return new Browser(driver, "http://localhost:" + port, profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A viewport the dashboard must be usable at, in CSS pixels. */
    record Viewport(int width, int height) {

        /** From a laptop to a 1080p TV, as the product promises. */
        static final List<Viewport> TARGETS = List.of(new Viewport(1366, 768), new Viewport(1920, 1080));

        @Override
        public String toString() {
            return width + "x" + height;
        }
    }

    /**
     * Sets the page's viewport itself (not the window's outer size, which would leave the width to the window's
     * frame), so that media queries and screenshots see exactly the target size.
     */
    void viewport(Viewport size) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", size.width(),
                "height", size.height(), "deviceScaleFactor", 1, "mobile", false));
    }

    /** Whether the page is wider than the viewport, so that some of it is reached only by scrolling sideways. */
    boolean scrollsSideways() {
        return (Boolean) driver.executeScript(
                "return document.documentElement.scrollWidth > document.documentElement.clientWidth");
    }

    public void get(String path) {
        driver.get(baseUrl + path);
    }

    /** The console's warnings and errors since the last call (CSP violations and failed requests show here). */
    List<String> consoleProblems() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue()).map(LogEntry::getMessage).toList();
    }

    void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException ignored) {
            // a leftover temporary profile is harmless
        }
    }
}
