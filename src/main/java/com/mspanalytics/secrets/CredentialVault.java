package com.mspanalytics.secrets;

import com.mspanalytics.tenant.TenantContext;
import com.mspanalytics.tenant.TenantId;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.stereotype.Service;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Connector credentials of each tenant, encrypted at rest: one AES-256-GCM sealed JSON document per
 * tenant and connector. Plaintext exists only in memory, between this class and its caller; it is
 * never logged and never part of an exception message.
 *
 * <p>Every method runs as {@code tenant}: it binds the tenant for its own transaction when the
 * thread has none, and refuses to act for a tenant other than the one already bound (a caller bug
 * that would otherwise surface as an empty result). An unknown connector name is an
 * {@link IllegalArgumentException}; resolve names with {@link ConnectorFields#named} first.
 */
@Service
public class CredentialVault {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<LinkedHashMap<String, String>> DOCUMENT = new TypeReference<>() {
    };
    private static final TypeReference<LinkedHashMap<String, Instant>> DATES = new TypeReference<>() {
    };

    private final CredentialRepository repository;
    private final CredentialCipher cipher;

    CredentialVault(CredentialRepository repository, CredentialCipher cipher) {
        this.repository = repository;
        this.cipher = cipher;
    }

    /**
     * Replaces the connector's credentials. Null values are dropped.
     *
     * @throws InvalidConnectorFields for unknown fields, missing required ones or values not of their field's kind
     */
    public void save(TenantId tenant, String connector, Map<String, String> fields) {
        ConnectorFields schema = schemaOf(connector);
        Map<String, String> document = new LinkedHashMap<>();
        fields.forEach((name, value) -> {
            if (value != null) {
                document.put(name, value);
            }
        });
        List<ConnectorFields.Problem> problems = schema.problemsWith(document);
        if (!problems.isEmpty()) {
            throw new InvalidConnectorFields(schema, problems);
        }
        Map<String, Instant> setAt = secretsSetAt(tenant, schema, document);
        byte[] plaintext = JSON.writeValueAsBytes(document);
        try {
            SealedCredentials sealed = cipher.seal(tenant, connector, plaintext);
            asTenant(tenant, () -> {
                repository.save(tenant, connector, sealed, JSON.writeValueAsString(setAt));
                return null;
            });
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    /**
     * @return the decrypted fields, or empty when none are stored
     * @throws UnreadableCredentials when the stored value cannot be decrypted
     */
    public Optional<Map<String, String>> find(TenantId tenant, String connector) {
        schemaOf(connector);
        return asTenant(tenant, () -> repository.find(tenant, connector))
                .map(sealed -> open(tenant, connector, sealed));
    }

    /** @return whether anything was stored */
    public boolean delete(TenantId tenant, String connector) {
        schemaOf(connector);
        return asTenant(tenant, () -> repository.delete(tenant, connector));
    }

    /**
     * When each stored secret was last given a new value: what the settings page shows instead of the secret.
     *
     * @return empty when nothing is stored; a secret field that is not set has no entry
     */
    public Map<String, Instant> secretsSetOn(TenantId tenant, String connector) {
        ConnectorFields schema = schemaOf(connector);
        Optional<Map<String, String>> stored = find(tenant, connector);
        Optional<CredentialRepository.SetDates> dates = asTenant(tenant, () -> repository.setDates(tenant, connector));
        Map<String, Instant> setOn = new LinkedHashMap<>();
        if (stored.isEmpty() || dates.isEmpty()) {
            return setOn;
        }
        Map<String, Instant> recorded = JSON.readValue(dates.get().secretsJson(), DATES);
        schema.fields().stream().filter(ConnectorFields.Field::secret)
                .filter(f -> stored.get().get(f.name()) != null && !stored.get().get(f.name()).isBlank())
                .forEach(f -> setOn.put(f.name(), recorded.getOrDefault(f.name(), dates.get().updatedAt())));
        return setOn;
    }

    /** A secret given the value it already had keeps its date; a new or changed one is set now. */
    private Map<String, Instant> secretsSetAt(TenantId tenant, ConnectorFields schema, Map<String, String> document) {
        Map<String, String> before;
        Map<String, Instant> datesBefore;
        try {
            before = find(tenant, schema.connectorName()).orElse(Map.of());
            datesBefore = before.isEmpty() ? Map.of() : secretsSetOn(tenant, schema.connectorName());
        } catch (UnreadableCredentials e) {
            before = Map.of();
            datesBefore = Map.of();
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Map<String, Instant> setAt = new LinkedHashMap<>();
        for (ConnectorFields.Field field : schema.fields()) {
            String value = document.get(field.name());
            if (field.secret() && value != null && !value.isBlank()) {
                boolean unchanged = value.equals(before.get(field.name())) && datesBefore.containsKey(field.name());
                setAt.put(field.name(), unchanged ? datesBefore.get(field.name()) : now);
            }
        }
        return setAt;
    }

    /** The stored fields as GET shows them: secrets as {@code ****} plus at most their last four characters. */
    public Optional<Map<String, String>> masked(TenantId tenant, String connector) {
        ConnectorFields schema = schemaOf(connector);
        return find(tenant, connector).map(schema::mask);
    }

    private Map<String, String> open(TenantId tenant, String connector, SealedCredentials sealed) {
        byte[] plaintext = cipher.open(tenant, connector, sealed);
        try {
            return JSON.readValue(plaintext, DOCUMENT);
        } catch (JacksonException e) {
            // Not chained: a parser's message may quote the input, and the input is the secret.
            throw new UnreadableCredentials("The stored " + connector + " credentials of tenant " + tenant
                    + " decrypt to a malformed document", null);
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    private static ConnectorFields schemaOf(String connector) {
        return ConnectorFields.named(connector)
                .orElseThrow(() -> new IllegalArgumentException("Unknown connector '" + connector + "'"));
    }

    private static <T> T asTenant(TenantId tenant, Supplier<T> work) {
        TenantContext.current().filter(bound -> !bound.equals(tenant)).ifPresent(bound -> {
            throw new IllegalStateException("Credentials of tenant " + tenant + " requested while acting for tenant " + bound);
        });
        return TenantContext.callAs(tenant, work);
    }
}
