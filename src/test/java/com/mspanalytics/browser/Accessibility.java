package com.mspanalytics.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * axe-core's checks on the page the browser shows. The script comes from the test classpath (the axe-core selenium
 * artifact bundles it) and is evaluated through WebDriver, which the page's CSP ({@code script-src 'self'}) does not
 * govern: nothing of axe is ever served by the app.
 */
final class Accessibility {

    /** What the product promises: no violation of these impacts on any page. */
    static final Set<String> BLOCKING = Set.of("serious", "critical");

    private static final String AXE = axeSource();

    /** Runs every rule axe enables by default and hands back its violations, flattened to what a report needs. */
    private static final String RUN = """
            const done = arguments[arguments.length - 1];
            axe.run(document, { resultTypes: ['violations'] }).then(
                r => done(JSON.stringify(r.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help,
                    helpUrl: v.helpUrl, nodes: v.nodes.map(n => ({ target: n.target.join(' '), html: n.html,
                    summary: n.failureSummary })) })))),
                e => done(JSON.stringify([{ id: 'axe-error', impact: 'critical', help: String(e), helpUrl: '', nodes: [] }])));
            """;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final List<PageReport> checked = new ArrayList<>();

    record Violation(String id, String impact, String help, String helpUrl, List<Node> nodes) {

        boolean blocking() {
            return BLOCKING.contains(impact);
        }

        String describe() {
            return impact + " " + id + ": " + help + " (" + helpUrl + ")" + nodes.stream()
                    .map(n -> "\n    " + n.target() + "  " + n.html() + "\n      " + n.summary().replace("\n", "\n      "))
                    .collect(Collectors.joining());
        }
    }

    record Node(String target, String html, String summary) {
    }

    private static List<Violation> violations(Browser browser) {
        browser.driver.executeScript(AXE);
        String json = (String) browser.driver.executeAsyncScript(RUN);
        return JSON.readValue(json, new TypeReference<List<Violation>>() { });
    }

    /** Runs axe on the page the browser shows now, and keeps what it found under the page's name. */
    void check(Browser browser, String page) {
        checked.add(new PageReport(page, browser.driver.getCurrentUrl(), violations(browser)));
    }

    /**
     * Fails with every serious or critical violation of every page checked, spelled out (rule, help page, each
     * offending element), so one run shows all that is left to fix; the lesser ones are printed only.
     */
    void assertNoBlockingViolation() {
        checked.forEach(r -> r.violations().stream().filter(v -> !v.blocking())
                .forEach(v -> System.out.println("axe-core on " + r.page() + ", not blocking: " + v.describe())));
        List<PageReport> failing = checked.stream().filter(r -> r.violations().stream().anyMatch(Violation::blocking))
                .toList();
        assertThat(failing).withFailMessage(() -> "serious or critical axe-core violations:\n" + failing.stream()
                .map(PageReport::describeBlocking).collect(Collectors.joining("\n"))).isEmpty();
        assertThat(checked).as("pages checked by axe-core").isNotEmpty();
    }

    record PageReport(String page, String url, List<Violation> violations) {

        String describeBlocking() {
            return "== " + page + " (" + url + ")\n" + violations.stream().filter(Violation::blocking)
                    .map(Violation::describe).collect(Collectors.joining("\n"));
        }
    }

    private static String axeSource() {
        try (InputStream in = Accessibility.class.getResourceAsStream("/axe.min.js")) {
            if (in == null) {
                throw new IllegalStateException("axe.min.js is not on the test classpath (com.deque.html.axe-core:selenium)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
