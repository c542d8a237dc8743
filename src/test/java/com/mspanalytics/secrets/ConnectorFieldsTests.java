package com.mspanalytics.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConnectorFieldsTests {

    @Test
    void coversEveryConnectorOfTheApi() {
        assertThat(Arrays.stream(ConnectorFields.values()).map(ConnectorFields::connectorName))
                .containsExactly("connectwise", "smileback", "sentinelone", "defender", "anthropic", "slack", "smtp");
        assertThat(ConnectorFields.named("connectwise")).contains(ConnectorFields.CONNECTWISE);
        assertThat(ConnectorFields.named("ConnectWise")).isEmpty();
    }

    @Test
    void namesUnknownFieldsAndMissingRequiredOnes() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("apiToken", "token-value-123456");
        values.put("tenantId", "someone-elses");
        values.put("baseUrl", " ");

        assertThat(ConnectorFields.SENTINELONE.problemsWith(values)).containsExactly(
                new ConnectorFields.Problem("tenantId", "unknown field for connector sentinelone"),
                new ConnectorFields.Problem("baseUrl", "is required"));
    }

    @Test
    void acceptsACompleteDocumentWithoutOptionalFields() {
        Map<String, String> values = Map.of("companyId", "acme", "publicKey", "pub-123456789", "privateKey",
                "priv-123456789", "clientId", "client-uuid");

        assertThat(ConnectorFields.CONNECTWISE.problemsWith(values)).isEmpty();
    }

    @Test
    void masksSecretsToTheirLastFourCharactersAndShowsTheRest() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("baseUrl", "https://api-na.myconnectwise.net/v4_6_release/apis/3.0");
        values.put("companyId", "acme");
        values.put("publicKey", "PUBLICKEY0123wxyz");
        values.put("privateKey", "PRIVATEKEY0123abcd");
        values.put("clientId", "3f2a-client");

        assertThat(ConnectorFields.CONNECTWISE.mask(values)).containsExactly(
                Map.entry("baseUrl", "https://api-na.myconnectwise.net/v4_6_release/apis/3.0"),
                Map.entry("companyId", "acme"),
                Map.entry("publicKey", "****wxyz"),
                Map.entry("privateKey", "****abcd"),
                Map.entry("clientId", "3f2a-client"));
    }

    @Test
    void hidesShortSecretsEntirelyAndTreatsTheSlackWebhookAsASecret() {
        assertThat(ConnectorFields.SMTP.mask(Map.of("host", "smtp.example.com", "password", "hunter22")))
                .containsEntry("password", "****").containsEntry("host", "smtp.example.com");
        assertThat(ConnectorFields.SLACK.mask(Map.of("webhookUrl", "https://hooks.slack.com/services/T0/B0/XyZ1234")))
                .containsExactly(Map.entry("webhookUrl", "****1234"));
    }

    @Test
    void marksUrlFieldsForTheOutboundUrlPolicy() {
        assertThat(ConnectorFields.DEFENDER.fields().stream().filter(ConnectorFields.Field::url)
                .map(ConnectorFields.Field::name)).containsExactly("baseUrl", "tokenUrl");
        assertThat(ConnectorFields.SLACK.field("webhookUrl")).hasValueSatisfying(field ->
                assertThat(field.url() && field.secret() && field.required()).isTrue());
    }
}
