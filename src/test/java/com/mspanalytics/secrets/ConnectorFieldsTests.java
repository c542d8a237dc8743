package com.mspanalytics.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

    @Test
    void givesEachFieldItsKind() {
        assertThat(kinds(ConnectorFields.SMTP)).containsExactly(Map.entry("host", FieldKind.TEXT),
                Map.entry("port", FieldKind.PORT), Map.entry("username", FieldKind.TEXT),
                Map.entry("password", FieldKind.TEXT), Map.entry("from", FieldKind.EMAIL),
                Map.entry("to", FieldKind.EMAIL_LIST), Map.entry("startTls", FieldKind.BOOLEAN));
        assertThat(kinds(ConnectorFields.ANTHROPIC)).containsEntry("monthlyTokenBudget", FieldKind.COUNT)
                .containsEntry("baseUrl", FieldKind.URL).containsEntry("model", FieldKind.TEXT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "25", "587", "65535", " 465 ", "00025"})
    void portsFrom1To65535AreAccepted(String port) {
        assertThat(ConnectorFields.SMTP.problemsWith(smtp("port", port))).isEmpty();
        assertThat(ConnectorFields.SMTP.value(smtp("port", port), "port", FieldKind.PORT))
                .hasValue(Integer.parseInt(port.strip()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "65536", "-1", "+25", "abc", "25a", "2 5", "1.5", "99999999999999999999", "٢٥"})
    void otherPortsAreRefusedNamingTheRange(String port) {
        assertThat(ConnectorFields.SMTP.problemsWith(smtp("port", port))).containsExactly(
                new ConnectorFields.Problem("port", "must be a whole number from 1 to 65535"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"true", "false", "TRUE", "False", " true "})
    void startTlsIsTrueOrFalse(String value) {
        assertThat(ConnectorFields.SMTP.problemsWith(smtp("startTls", value))).isEmpty();
        assertThat(ConnectorFields.SMTP.value(smtp("startTls", value), "startTls", FieldKind.BOOLEAN))
                .hasValue(Boolean.parseBoolean(value.strip()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"maybe", "yes", "1", "0", "on", "t"})
    void anythingElseIsNotABoolean(String value) {
        assertThat(ConnectorFields.SMTP.problemsWith(smtp("startTls", value))).containsExactly(
                new ConnectorFields.Problem("startTls", "must be true or false"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"digest@msp.test", "MSP Digest <digest@msp.test>", "<digest@msp.test>", " digest@msp.test "})
    void fromIsOneEmailAddress(String from) {
        assertThat(ConnectorFields.SMTP.problemsWith(smtp("from", from))).isEmpty();
        assertThat(ConnectorFields.SMTP.value(smtp("from", from), "from", FieldKind.EMAIL))
                .hasValueSatisfying(address -> assertThat(address.getAddress()).isEqualTo("digest@msp.test"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"not an address", "digest", "digest@", "@msp.test", "a@msp.test, b@msp.test",
            "a@@msp.test", "a@msp..test", "team: a@msp.test;", "a@msp.test\r\nBcc: c@evil.test"})
    void fromIsNotAnythingElse(String from) {
        assertThat(ConnectorFields.SMTP.problemsWith(smtp("from", from))).containsExactly(
                new ConnectorFields.Problem("from", "must be an e-mail address"));
    }

    @Test
    void toIsAListSplitOnCommasOrSemicolonsSkippingEmptyEntries() {
        Map<String, String> settings = smtp("to", "owner@msp.test, Manager <manager@msp.test>;ops@msp.test,");

        assertThat(ConnectorFields.SMTP.problemsWith(settings)).isEmpty();
        assertThat(ConnectorFields.SMTP.value(settings, "to", FieldKind.EMAIL_LIST).orElseThrow()
                .stream().map(a -> a.getAddress())).containsExactly("owner@msp.test", "manager@msp.test", "ops@msp.test");
        assertThat(ConnectorFields.SMTP.value(smtp("to", "owner@msp.test"), "to", FieldKind.EMAIL_LIST).orElseThrow())
                .hasSize(1);
    }

    @Test
    void toNamesTheEntryThatIsNotAnAddress() {
        assertThat(ConnectorFields.SMTP.problemsWith(smtp("to", "not an address"))).containsExactly(
                new ConnectorFields.Problem("to", "must be e-mail addresses separated by commas; entry 1 is not an e-mail address"));
        assertThat(ConnectorFields.SMTP.problemsWith(smtp("to", "owner@msp.test,, manager at msp.test"))).containsExactly(
                new ConnectorFields.Problem("to", "must be e-mail addresses separated by commas; entry 2 is not an e-mail address"));
        assertThat(ConnectorFields.SMTP.problemsWith(smtp("to", " , ;"))).containsExactly(
                new ConnectorFields.Problem("to", "must name at least one e-mail address"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "1", "2000000", "9223372036854775807", " 50 "})
    void aTokenBudgetIsAWholeNumberFrom0(String budget) {
        Map<String, String> settings = Map.of("apiKey", "sk-ant-123456789", "monthlyTokenBudget", budget);

        assertThat(ConnectorFields.ANTHROPIC.problemsWith(settings)).isEmpty();
        assertThat(ConnectorFields.ANTHROPIC.value(settings, "monthlyTokenBudget", FieldKind.COUNT))
                .hasValue(Long.parseLong(budget.strip()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-5", "lots", "1e6", "1,000,000", "1.0", "9223372036854775808"})
    void otherBudgetsAreRefused(String budget) {
        assertThat(ConnectorFields.ANTHROPIC.problemsWith(Map.of("apiKey", "sk-ant-123456789", "monthlyTokenBudget",
                budget))).containsExactly(new ConnectorFields.Problem("monthlyTokenBudget", "must be a whole number, 0 or more"));
    }

    @Test
    void urlsMustParseAndTheRefusalNeverQuotesTheSecretOne() {
        String webhook = "https://hooks.slack.com/services/T0/B0/secret part";

        assertThat(ConnectorFields.SLACK.problemsWith(Map.of("webhookUrl", webhook))).containsExactly(
                new ConnectorFields.Problem("webhookUrl", "is not a valid URL"));
        assertThat(ConnectorFields.SENTINELONE.value(Map.of("baseUrl", "https://acme.sentinelone.net", "apiToken", "t"),
                "baseUrl", FieldKind.URL)).hasValue(URI.create("https://acme.sentinelone.net"));
    }

    @Test
    void blankOptionalFieldsAreNotGivenAndReadAsAbsent() {
        Map<String, String> settings = smtp("port", "");
        settings.put("startTls", "  ");
        settings.put("username", "");

        assertThat(ConnectorFields.SMTP.problemsWith(settings)).isEmpty();
        assertThat(ConnectorFields.SMTP.value(settings, "port", FieldKind.PORT)).isEmpty();
        assertThat(ConnectorFields.SMTP.value(settings, "startTls", FieldKind.BOOLEAN)).isEmpty();
        assertThat(ConnectorFields.ANTHROPIC.value(Map.of(), "monthlyTokenBudget", FieldKind.COUNT)).isEmpty();
    }

    @Test
    void blankRequiredTypedFieldsAreRequiredNotMalformed() {
        Map<String, String> settings = smtp("to", " ");
        settings.remove("from");

        assertThat(ConnectorFields.SMTP.problemsWith(settings)).containsExactly(
                new ConnectorFields.Problem("from", "is required"), new ConnectorFields.Problem("to", "is required"));
    }

    @Test
    void reportsEveryBadFieldAndNeverEchoesAValue() {
        Map<String, String> settings = smtp("port", "abc");
        settings.put("to", "not an address");
        settings.put("startTls", "maybe");
        settings.put("colour", "red");

        List<ConnectorFields.Problem> problems = ConnectorFields.SMTP.problemsWith(settings);

        assertThat(problems).extracting(ConnectorFields.Problem::field).containsExactly("colour", "port", "to", "startTls");
        assertThat(problems).extracting(ConnectorFields.Problem::message)
                .noneMatch(m -> m.contains("abc") || m.contains("not an address") || m.contains("maybe"));
    }

    @Test
    void readingAFieldAsAnotherKindIsABug() {
        assertThatThrownBy(() -> ConnectorFields.SMTP.value(smtp("port", "25"), "port", FieldKind.TEXT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("port");
        assertThatThrownBy(() -> ConnectorFields.SMTP.value(smtp("port", "25"), "colour", FieldKind.TEXT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("colour");
        assertThatThrownBy(() -> ConnectorFields.SMTP.value(smtp("port", "abc"), "port", FieldKind.PORT))
                .isInstanceOf(FieldKind.InvalidValue.class).hasMessage("must be a whole number from 1 to 65535");
    }

    /** A good smtp document with one field set to {@code value}. */
    private static Map<String, String> smtp(String field, String value) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("host", "smtp.msp.test");
        settings.put("from", "digest@msp.test");
        settings.put("to", "owner@msp.test");
        settings.put(field, value);
        return settings;
    }

    private static Map<String, FieldKind<?>> kinds(ConnectorFields connector) {
        Map<String, FieldKind<?>> kinds = new LinkedHashMap<>();
        connector.fields().forEach(f -> kinds.put(f.name(), f.kind()));
        return kinds;
    }
}
