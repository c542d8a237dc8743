package com.mspanalytics.secrets;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The fields each connector's settings take (docs/api.md, "Connector settings"): which are required,
 * which are secrets (masked on read) and what each holds ({@link FieldKind}): URLs are vetted by the
 * outbound URL policy before they are saved, ports, counts, booleans and e-mail addresses must parse.
 * All values travel and are stored as strings; {@link #value} reads one as its kind.
 *
 * <p>{@code baseUrl} is optional where the real service has one address; SentinelOne has none (every
 * customer has their own console), so there it is required.
 */
public enum ConnectorFields {

    CONNECTWISE("connectwise",
            Field.url("baseUrl", false), Field.plain("companyId", true), Field.secret("publicKey"),
            Field.secret("privateKey"), Field.plain("clientId", true)),
    SMILEBACK("smileback",
            Field.url("baseUrl", false), Field.plain("clientId", true), Field.secret("clientSecret"),
            Field.plain("username", true), Field.secret("password")),
    SENTINELONE("sentinelone",
            Field.url("baseUrl", true), Field.secret("apiToken")),
    DEFENDER("defender",
            Field.plain("tenantId", true), Field.plain("clientId", true), Field.secret("clientSecret"),
            Field.url("baseUrl", false), Field.url("tokenUrl", false)),
    ANTHROPIC("anthropic",
            Field.secret("apiKey"), Field.plain("model", false), Field.url("baseUrl", false),
            Field.typed("monthlyTokenBudget", false, FieldKind.COUNT)),
    SLACK("slack",
            // The webhook URL is the credential: whoever knows it can post to the channel.
            new Field("webhookUrl", true, true, FieldKind.URL)),
    SMTP("smtp",
            Field.plain("host", true), Field.typed("port", false, FieldKind.PORT), Field.plain("username", false),
            new Field("password", false, true, FieldKind.TEXT), Field.typed("from", true, FieldKind.EMAIL),
            Field.typed("to", true, FieldKind.EMAIL_LIST), Field.typed("startTls", false, FieldKind.BOOLEAN));

    /**
     * One settings field.
     *
     * @param secret masked on read; ConnectWise's {@code publicKey} counts as one although ConnectWise
     *        calls it public: with {@code companyId} it is half the login, and the last four characters
     *        shown are enough to recognise it
     * @param kind what the value holds, and how it is parsed
     */
    public record Field(String name, boolean required, boolean secret, FieldKind<?> kind) {

        static Field plain(String name, boolean required) {
            return new Field(name, required, false, FieldKind.TEXT);
        }

        static Field secret(String name) {
            return new Field(name, true, true, FieldKind.TEXT);
        }

        static Field url(String name, boolean required) {
            return new Field(name, required, false, FieldKind.URL);
        }

        static Field typed(String name, boolean required, FieldKind<?> kind) {
            return new Field(name, required, false, kind);
        }

        /** Holds an address the service will call. */
        public boolean url() {
            return kind == FieldKind.URL;
        }
    }

    /** Why a settings document is refused; names the field, never echoes its value. */
    public record Problem(String field, String message) {
    }

    private static final String MASK = "****";
    /** Below this length the last four characters would give away too much of the secret. */
    private static final int SHORTEST_SECRET_SHOWING_ITS_END = 12;

    private final String connectorName;
    private final Map<String, Field> fields;

    ConnectorFields(String connectorName, Field... fields) {
        this.connectorName = connectorName;
        this.fields = Arrays.stream(fields)
                .collect(Collectors.toMap(Field::name, f -> f, (a, b) -> a, LinkedHashMap::new));
    }

    /** The connector's name as it appears in {@code /settings/connectors/{name}}. */
    public String connectorName() {
        return connectorName;
    }

    public static Optional<ConnectorFields> named(String connectorName) {
        return Arrays.stream(values()).filter(c -> c.connectorName.equals(connectorName)).findFirst();
    }

    /** In the order docs/api.md lists them. */
    public List<Field> fields() {
        return List.copyOf(fields.values());
    }

    public Optional<Field> field(String name) {
        return Optional.ofNullable(fields.get(name));
    }

    /**
     * Unknown fields, missing (or blank) required ones and values not of their field's kind, one problem per
     * field, unknown ones first; empty when the document is acceptable. A blank optional field is "not given".
     */
    public List<Problem> problemsWith(Map<String, String> values) {
        List<Problem> problems = new ArrayList<>();
        values.keySet().stream().filter(name -> !fields.containsKey(name)).sorted().forEach(name ->
                problems.add(new Problem(name, "unknown field for connector " + connectorName)));
        for (Field field : fields.values()) {
            String value = values.get(field.name());
            if (isBlank(value)) {
                if (field.required()) {
                    problems.add(new Problem(field.name(), "is required"));
                }
                continue;
            }
            try {
                field.kind().parse(value);
            } catch (FieldKind.InvalidValue e) {
                problems.add(new Problem(field.name(), e.getMessage()));
            }
        }
        return problems;
    }

    /**
     * One field of stored settings, parsed as its kind: the reading that matches {@link #problemsWith}.
     *
     * @param kind the field's kind, restated by the caller so that it gets the right type
     * @return empty when the field is absent or blank
     * @throws FieldKind.InvalidValue when the stored value is not of its kind (saved before its kind was checked)
     * @throws IllegalArgumentException when the connector has no such field, or it is of another kind
     */
    public <T> Optional<T> value(Map<String, String> values, String name, FieldKind<T> kind) {
        Field field = field(name).orElseThrow(() ->
                new IllegalArgumentException("Connector " + connectorName + " has no field " + name));
        if (field.kind() != kind) {
            throw new IllegalArgumentException("Field " + name + " of connector " + connectorName + " is a "
                    + field.kind() + ", not a " + kind);
        }
        String value = values.get(name);
        return isBlank(value) ? Optional.empty() : Optional.of(kind.parse(value));
    }

    /** The values with every secret replaced by {@code ****} and, when long enough, its last four characters. */
    public Map<String, String> mask(Map<String, String> values) {
        Map<String, String> masked = new LinkedHashMap<>();
        values.forEach((name, value) -> masked.put(name, isSecret(name) ? maskSecret(value) : value));
        return masked;
    }

    private boolean isSecret(String name) {
        // A field this connector does not know is treated as a secret: fail closed.
        return field(name).map(Field::secret).orElse(true);
    }

    private static String maskSecret(String value) {
        if (value == null || value.length() < SHORTEST_SECRET_SHOWING_ITS_END) {
            return MASK;
        }
        return MASK + value.substring(value.length() - 4);
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
