package com.mspanalytics.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** No Docker engine runs here, so the isolation rules of the seed are checked on the files themselves. */
class DeploymentFilesTests {

    private final Map<String, Object> compose = load(Path.of("deploy/docker-compose.yml"));

    @Test
    void backendNetworkHasNoInternet() {
        assertThat(map(map(compose.get("networks")).get("backend")).get("internal")).isEqualTo(true);
        assertThat(map(compose.get("networks")).keySet()).containsExactlyInAnyOrder("backend", "egress", "frontend");
    }

    @Test
    void dataStoresAndTheN8nWorkerLiveOnlyOnTheBackend() {
        for (String service : List.of("postgres", "redis", "n8n-worker")) {
            assertThat(networks(service)).as(service).containsExactly("backend");
            assertThat(service(service)).as(service + " publishes no port").doesNotContainKey("ports");
        }
    }

    @Test
    void onlyTheApiReachesTheInternet() {
        services().forEach((name, definition) -> {
            if (!name.equals("analytics-api")) {
                assertThat(networks(name)).as(name).doesNotContain("egress");
            }
        });
        assertThat(networks("analytics-api")).contains("egress", "backend");
    }

    @Test
    void everyPublishedPortIsBoundToLoopback() {
        services().forEach((name, definition) -> {
            for (Object port : list(map(definition).getOrDefault("ports", List.of()))) {
                assertThat(port.toString()).as(name).startsWith("127.0.0.1:");
            }
        });
    }

    @Test
    void userInterfacesAreOptionalProfilesOnTheFrontend() {
        for (String ui : List.of("n8n", "metabase")) {
            assertThat(list(service(ui).get("profiles"))).as(ui).isNotEmpty();
            assertThat(networks(ui)).as(ui).contains("frontend");
        }
        assertThat(list(service("n8n-worker").get("profiles"))).isNotEmpty();
    }

    @Test
    void redisRequiresAPasswordAndItsHealthcheckExpandsItInTheContainer() {
        Map<String, Object> redis = service("redis");
        assertThat(String.join(" ", list(redis.get("command")).stream().map(Object::toString).toList()))
                .contains("--requirepass ${REDIS_PASSWORD");
        List<Object> test = list(map(redis.get("healthcheck")).get("test"));
        assertThat(test.get(0)).isEqualTo("CMD-SHELL");
        assertThat(test.get(1).toString()).contains("$${REDIS_PASSWORD}");
    }

    @Test
    void everySecretTheApiNeedsIsRequiredAndListedInEnvExample() throws IOException {
        Map<String, Object> environment = map(service("analytics-api").get("environment"));
        String example = Files.readString(Path.of(".env.example"));
        for (String secret : List.of("JWT_SECRET_KEY", "SECRETS_MASTER_KEY", "SECRETS_SALT", "DB_APP_PASSWORD",
                "API_KEY_PEPPER")) {
            assertThat(environment.get(secret).toString()).as(secret).contains(":?");
        }
        Matcher variables = Pattern.compile("(?<!\\$)\\$\\{([A-Z0-9_]+)").matcher(Files.readString(Path.of("deploy/docker-compose.yml")));
        while (variables.find()) {
            assertThat(example).as(".env.example lists " + variables.group(1)).containsPattern("(?m)^#? ?" + variables.group(1) + "=");
        }
    }

    @Test
    void dockerfileBuildsInStagesRunsUnprivilegedAndChecksHealth() throws IOException {
        String dockerfile = Files.readString(Path.of("Dockerfile"));

        assertThat(Pattern.compile("(?m)^FROM ").matcher(dockerfile).results().count()).isGreaterThanOrEqualTo(2);
        assertThat(dockerfile).containsPattern("(?m)^USER (?!root)\\w+");
        assertThat(dockerfile).containsPattern("(?m)^HEALTHCHECK .*\\n?.*?/health");
    }

    /** The n8n example drives only documented endpoints, with an API key from n8n's environment. */
    @Test
    void n8nWorkflowCallsTheSyncEndpointsWithAnApiKey() throws IOException {
        String workflow = Files.readString(Path.of("deploy/n8n/msp-analytics-sync.json"));
        List<String> urls = Pattern.compile("/sync/[a-z-]+").matcher(workflow).results().map(m -> m.group()).toList();

        assertThat(urls).containsExactlyInAnyOrder("/sync/tickets", "/sync/time-entries", "/sync/all");
        assertThat(workflow).contains("X-API-Key").contains("$env.MSP_ANALYTICS_API_KEY").doesNotContain("msp_ak_");
        assertThat(new Yaml().load(workflow).toString()).contains("scheduleTrigger");
    }

    private Map<String, Object> services() {
        return map(compose.get("services"));
    }

    private Map<String, Object> service(String name) {
        assertThat(services()).containsKey(name);
        return map(services().get(name));
    }

    private List<Object> networks(String service) {
        return list(service(service).get("networks"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value == null ? Map.of() : (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return value == null ? List.of() : (List<Object>) value;
    }

    private static Map<String, Object> load(Path file) {
        try {
            return new Yaml().load(Files.readString(file));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
