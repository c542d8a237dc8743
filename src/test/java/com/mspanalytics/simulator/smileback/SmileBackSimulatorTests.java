package com.mspanalytics.simulator.smileback;

import static org.assertj.core.api.Assertions.assertThat;

import com.mspanalytics.simulator.Http;
import com.mspanalytics.simulator.Simulators;
import com.mspanalytics.simulator.TestSimulators;
import com.mspanalytics.simulator.world.Review;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SmileBackSimulatorTests {

    static final Simulators SIM = TestSimulators.SHARED;
    static final Map<String, String> SETTINGS = SIM.connectorSettings().get("smileback");

    static String token() {
        var response = Http.postForm(SETTINGS.get("baseUrl") + "/token/", Map.of("grant_type", "password",
                "username", SETTINGS.get("username"), "password", SETTINGS.get("password"), "scope", "read read_recent",
                "client_id", SETTINGS.get("clientId"), "client_secret", SETTINGS.get("clientSecret")));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        var body = Http.json(response);
        assertThat(body.get("token_type").asText()).isEqualTo("Bearer");
        return body.get("access_token").asText();
    }

    @Test
    void passwordGrantAcceptsClientCredentialsInABasicHeaderToo() {
        String basic = Base64.getEncoder().encodeToString((SETTINGS.get("clientId") + ":" + SETTINGS.get("clientSecret"))
                .getBytes(StandardCharsets.UTF_8));
        var response = Http.postForm(SETTINGS.get("baseUrl") + "/token/", Map.of("grant_type", "password",
                "username", SETTINGS.get("username"), "password", SETTINGS.get("password")), "Authorization", "Basic " + basic);
        assertThat(response.statusCode()).isEqualTo(200);
        var badPassword = Http.postForm(SETTINGS.get("baseUrl") + "/token/", Map.of("grant_type", "password",
                "username", SETTINGS.get("username"), "password", "wrong"), "Authorization", "Basic " + basic);
        assertThat(badPassword.statusCode()).isEqualTo(400);
        assertThat(Http.json(badPassword).get("error").asText()).isEqualTo("invalid_grant");
        var badClient = Http.postForm(SETTINGS.get("baseUrl") + "/token/", Map.of("grant_type", "password",
                "username", SETTINGS.get("username"), "password", SETTINGS.get("password")));
        assertThat(badClient.statusCode()).isEqualTo(401);
        assertThat(Http.json(badClient).get("error").asText()).isEqualTo("invalid_client");
    }

    @Test
    void dataCallsNeedTheBearerToken() {
        var response = Http.get(SETTINGS.get("baseUrl") + "/v3/reviews/", "Authorization", "Bearer nope");
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(Http.json(response).get("detail").asText()).isEqualTo("Authentication credentials were not provided.");
    }

    @Test
    void pagesThroughRatedReviewsByFollowingNext() {
        String auth = "Bearer " + token();
        var want = SIM.live().view().reviews().stream()
                .filter(r -> r.ratedAt() != null && !r.ratedAt().isAfter(SIM.now())).map(Review::id).toList();
        var seen = new ArrayList<Long>();
        String url = SETTINGS.get("baseUrl") + "/v3/reviews/?limit=50";
        int count = -1;
        while (url != null) {
            var page = Http.json(Http.get(url, "Authorization", auth));
            count = page.get("count").asInt();
            page.get("results").forEach(r -> seen.add(r.get("id").asLong()));
            url = page.get("next").isNull() ? null : page.get("next").asText();
        }
        assertThat(count).isEqualTo(want.size());
        assertThat(seen).containsExactlyElementsOf(want);
        var all = Http.json(Http.get(SETTINGS.get("baseUrl") + "/v3/reviews/?include_unrated=true&limit=1", "Authorization", auth));
        assertThat(all.get("count").asInt()).isGreaterThan(want.size());
        var first = all.get("results").get(0);
        assertThat(first.get("ticket").get("id").isString()).isTrue();
        assertThat(first.get("last_modified").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z");
    }

    @Test
    void modifiedSinceReturnsOnlyRecentChanges() {
        String auth = "Bearer " + token();
        var since = SIM.now().minusSeconds(14 * 24 * 3600);
        var page = Http.json(Http.get(SETTINGS.get("baseUrl") + "/v3/reviews/?limit=1000&modified_since=" + Http.encode(since.toString()),
                "Authorization", auth));
        assertThat(page.get("count").asInt()).isPositive()
                .as("older reviews are left out").isLessThan(SIM.live().view().reviews().size());
        assertThat(page.get("results").size()).isEqualTo(page.get("count").asInt());
        page.get("results").forEach(r -> assertThat(r.get("last_modified").asText().compareTo(since.toString())).isGreaterThanOrEqualTo(0));
        var positive = SIM.live().view().reviews().stream().filter(r -> r.rating() != null && r.rating() == 1).count();
        var rated = SIM.live().view().reviews().stream().filter(r -> r.rating() != null).count();
        assertThat((double) positive / rated).isBetween(0.86, 0.97);
    }
}
