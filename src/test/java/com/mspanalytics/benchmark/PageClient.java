package com.mspanalytics.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A dashboard session over the real HTTP stack on loopback: signs in through the login form as a browser does
 * (its CSRF token, its session cookie), then sends that cookie with every request. The cookie is kept by hand:
 * in production mode it is {@code Secure}, which {@link java.net.CookieManager} would not send over plain http.
 */
final class PageClient {

    private static final Pattern CSRF = Pattern.compile("<input[^>]*name=\"_csrf\"[^>]*value=\"([^\"]+)\"");
    private static final Pattern SESSION = Pattern.compile("(JSESSIONID=[^;]+)");

    /** One response: its status, its body, and the time from sending the request to the body's last byte. */
    record Response(int status, byte[] body, double millis) {
    }

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .version(HttpClient.Version.HTTP_1_1).build();
    private final String base;
    private String cookie;

    private PageClient(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    static PageClient signIn(int port, String email, String password) throws IOException, InterruptedException {
        PageClient client = new PageClient(port);
        Response form = client.get("/login");
        Matcher csrf = CSRF.matcher(new String(form.body(), StandardCharsets.UTF_8));
        if (form.status() != 200 || !csrf.find()) {
            throw new IllegalStateException("GET /login: " + form.status() + ", no CSRF field");
        }
        String body = "email=" + URLEncoder.encode(email, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf="
                + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
        HttpResponse<String> signedIn = client.http.send(client.request("/login")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        client.keepSession(signedIn);
        String location = signedIn.headers().firstValue("Location").orElse("");
        if (signedIn.statusCode() != 302 || location.contains("error")) {
            throw new IllegalStateException("sign-in as " + email + " refused: " + signedIn.statusCode() + " " + location);
        }
        return client;
    }

    Response get(String path) throws IOException, InterruptedException {
        HttpRequest request = request(path).GET().build();
        long t0 = System.nanoTime();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        double millis = (System.nanoTime() - t0) / 1e6;
        keepSession(response);
        return new Response(response.statusCode(), response.body(), millis);
    }

    /** GET that must answer 200. */
    Response ok(String path) throws IOException, InterruptedException {
        Response response = get(path);
        if (response.status() != 200) {
            throw new IllegalStateException("GET " + path + ": " + response.status());
        }
        return response;
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path));
        return cookie == null ? builder : builder.header("Cookie", cookie);
    }

    /** Signing in replaces the session (fixation protection): the newest JSESSIONID is the one to send. */
    private void keepSession(HttpResponse<?> response) {
        response.headers().allValues("Set-Cookie").stream().map(SESSION::matcher).filter(Matcher::find)
                .reduce((first, second) -> second).ifPresent(m -> cookie = m.group(1));
    }
}
