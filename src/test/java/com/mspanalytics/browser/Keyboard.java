package com.mspanalytics.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;

/**
 * The page as someone with a keyboard alone meets it: Tab from the top until focus leaves the page, noting each stop
 * and whether it is outlined and on screen, so that a link only a mouse reaches, or a focus nobody can see, fails.
 */
final class Keyboard {

    /** How a stop reads in a failure: tag and the start of its text, e.g. {@code a "Download CSV"}. */
    private static final String DESCRIBE = """
            const describe = e => e.tagName.toLowerCase() + ' "'
                + (e.textContent || e.name || '').trim().replace(/\\s+/g, ' ').slice(0, 40) + '"';
            """;

    /**
     * Describes every element Tab should reach, in document order (nothing here uses a positive tabindex), and
     * marks each with its place in that order. checkVisibility, not getClientRects: a closed details element hides
     * its content with content-visibility, which leaves it boxes.
     */
    private static final String MARK = DESCRIBE + """
            const expected = [];
            document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]')
                .forEach(e => {
                    if (e.tabIndex >= 0 && !e.disabled && e.checkVisibility({ visibilityProperty: true })) {
                        e.dataset.tabStop = expected.length;
                        expected.push(describe(e));
                    }
                });
            return expected;
            """;

    private static final String FOCUSED = DESCRIBE + """
            const a = document.activeElement, s = getComputedStyle(a), r = a.getBoundingClientRect();
            return [a === document.body ? 'body' : (a.dataset.tabStop ?? 'unmarked'), describe(a),
                s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2,
                r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth];
            """;

    /** The global filter's two date inputs take a Tab for each of their three parts. */
    private static final int DATE_PARTS = 2 * 3;

    private Keyboard() {
    }

    /** One Tab's landing: the element's mark ("unmarked" for one that was not expected to take focus). */
    record Stop(String mark, String element, boolean outlined, boolean onScreen) {
    }

    record Walk(List<String> expected, List<Stop> stops) {

        /** Every expected element reached once, in order, each outlined and scrolled into view, nothing else. */
        void assertEveryControlReachedVisibly(String page) {
            // a date input takes one Tab per part (month, day, year): one control, reached once, then its parts
            List<Stop> controls = new ArrayList<>();
            stops.forEach(s -> {
                if (controls.isEmpty() || !controls.get(controls.size() - 1).mark().equals(s.mark())
                        || !s.element().startsWith("input")) {
                    controls.add(s);
                }
            });
            assertThat(controls).as(page + ": Tab order").extracting(s -> s.mark() + " " + s.element())
                    .containsExactlyElementsOf(IntStream.range(0, expected.size())
                            .mapToObj(i -> i + " " + expected.get(i)).toList());
            assertThat(controls).as(page + ": focus not outlined").filteredOn(s -> !s.outlined()).isEmpty();
            assertThat(controls).as(page + ": focus off screen").filteredOn(s -> !s.onScreen()).isEmpty();
        }
    }

    /** Tabs through the page just loaded, from its top, until focus leaves it (or well past the expected count). */
    static Walk tabThrough(Browser browser) {
        List<String> expected = ((List<?>) browser.driver.executeScript(MARK)).stream().map(String.class::cast).toList();
        List<Stop> stops = new ArrayList<>();
        for (int i = 0; i < expected.size() + 5 + DATE_PARTS; i++) {
            Stop stop = i == 0 ? firstTab(browser) : tab(browser);
            if (stop.mark().equals("body") || (!stops.isEmpty() && stop.mark().equals(stops.get(0).mark()))) {
                break;
            }
            stops.add(stop);
        }
        return new Walk(expected, stops);
    }

    /**
     * The first Tab on a page just loaded. Headless Chromium sometimes has the window, not the page, focused then, and
     * that first Tab only brings focus to the document: so the window is focused first, and a Tab that lands on the
     * body is taken again.
     */
    static Stop firstTab(Browser browser) {
        browser.driver.executeScript("window.focus()");
        Stop stop = tab(browser);
        return stop.mark().equals("body") ? tab(browser) : stop;
    }

    /** Presses Tab once and says where focus went. */
    static Stop tab(Browser browser) {
        new Actions(browser.driver).sendKeys(Keys.TAB).perform();
        return focused(browser);
    }

    /** Presses Enter on what has focus. */
    static void enter(Browser browser) {
        new Actions(browser.driver).sendKeys(Keys.ENTER).perform();
    }

    static boolean focusIsIn(Browser browser, String selector) {
        return (Boolean) browser.driver.executeScript("return document.activeElement.closest(arguments[0]) !== null",
                selector);
    }

    private static Stop focused(Browser browser) {
        List<?> f = (List<?>) browser.driver.executeScript(FOCUSED);
        return new Stop((String) f.get(0), (String) f.get(1), (Boolean) f.get(2), (Boolean) f.get(3));
    }
}
