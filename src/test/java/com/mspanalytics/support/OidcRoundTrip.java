package com.mspanalytics.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.mspanalytics.auth.oidc.OidcSignIn;
import com.mspanalytics.simulator.Http;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Single sign-on as a browser goes through it, over real HTTP: the link, the provider, back to the application. */
public final class OidcRoundTrip {

    private OidcRoundTrip() {
    }

    /** The whole round trip; the answer is the application's to the provider's redirect back. */
    public static HttpResponse<String> signIn(PageSession browser) {
        HttpResponse<String> toProvider = browser.get(OidcSignIn.AUTHORIZATION_PATH);
        assertThat(toProvider.statusCode()).isEqualTo(302);
        return returnFromProvider(browser, toProvider.headers().firstValue("Location").orElseThrow(), state -> state);
    }

    /** The provider answers {@code authorize} with a redirect back, which {@code state} may tamper with. */
    public static HttpResponse<String> returnFromProvider(PageSession browser, String authorize,
            UnaryOperator<String> state) {
        HttpResponse<String> provider = Http.get(authorize);
        assertThat(provider.statusCode()).as(provider.body()).isEqualTo(302);
        String callback = provider.headers().firstValue("Location").orElseThrow();
        String sent = query(callback).get("state");
        return browser.get(pathOf(callback.replace("state=" + encode(sent), "state=" + encode(state.apply(sent)))));
    }

    /** Refused: back to the sign-in page, which shows {@code message}, and not signed in. */
    public static void assertRefused(PageSession browser, HttpResponse<String> answer, String message) {
        assertThat(answer.statusCode()).isEqualTo(302);
        assertThat(answer.headers().firstValue("Location").orElseThrow()).endsWith("/login?error");
        assertThat(signInMessage(browser.get("/login?error").body())).isEqualTo(message);
        assertThat(browser.get("/").statusCode()).as("not signed in").isEqualTo(302);
    }

    public static String pathOf(String url) {
        URI uri = URI.create(url);
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    public static Map<String, String> query(String url) {
        return Arrays.stream(URI.create(url).getRawQuery().split("&")).map(pair -> pair.split("=", 2))
                .collect(Collectors.toMap(pair -> decode(pair[0]), pair -> pair.length > 1 ? decode(pair[1]) : ""));
    }

    private static String signInMessage(String page) {
        Matcher m = Pattern.compile("data-testid=\"signin-error\">\\s*([^<]+?)\\s*<").matcher(page);
        return m.find() ? m.group(1) : "";
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
