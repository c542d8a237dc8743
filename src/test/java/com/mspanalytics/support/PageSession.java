package com.mspanalytics.support;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser's session with the dashboard over real HTTP, without a browser: it keeps the session cookie (by hand, so
 * the Secure flag of production mode does not hide it on plain-http loopback) and reads the CSRF token from forms.
 */
public final class PageSession {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final Http http;
    private String cookie;

    public PageSession(int port) {
        this.http = new Http(port);
    }

    /** Signs in through the form; the response is the form's redirect (302 to / or to /login?error). */
    public HttpResponse<String> signIn(String email, String password) {
        return postForm("/login", Map.of("email", email, "password", password));
    }

    public HttpResponse<String> get(String path) {
        return remember(http.send(withCookie(http.request(path)).GET().build()));
    }

    /** A form POST with the CSRF token of the page at {@code path}'s form (read from /login when signing in). */
    public HttpResponse<String> postForm(String path, Map<String, String> fields) {
        String token = csrfToken(path.equals("/login") ? "/login" : "/");
        return postForm(path, fields, token);
    }

    /** A form POST with the given token, or with none when it is null. */
    public HttpResponse<String> postForm(String path, Map<String, String> fields, String token) {
        Map<String, String> all = new java.util.LinkedHashMap<>(fields);
        if (token != null) {
            all.put("_csrf", token);
        }
        String body = all.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue())).collect(Collectors.joining("&"));
        return remember(http.send(withCookie(http.request(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build()));
    }

    public String csrfToken(String page) {
        Matcher matcher = CSRF.matcher(get(page).body());
        if (!matcher.find()) {
            throw new AssertionError("No CSRF token in " + page);
        }
        return matcher.group(1);
    }

    public String cookie() {
        return cookie;
    }

    private HttpRequest.Builder withCookie(HttpRequest.Builder request) {
        return cookie == null ? request : request.header("Cookie", cookie);
    }

    private HttpResponse<String> remember(HttpResponse<String> response) {
        response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .findFirst().ifPresent(c -> cookie = c.substring(0, c.indexOf(';')));
        return response;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
