package com.mspanalytics.settings;

import com.mspanalytics.outbound.OutboundUrlPolicy;
import com.mspanalytics.outbound.OutboundUrlRejected;
import com.mspanalytics.outbound.UpstreamException;
import com.mspanalytics.secrets.ConnectorFields;
import com.mspanalytics.secrets.CredentialVault;
import com.mspanalytics.secrets.FieldKind;
import com.mspanalytics.tenant.TenantContext;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The current tenant's connector settings, as the API and the settings page both change them: every field checked,
 * every address vetted by the outbound URL policy before anything is stored, all or nothing; and "test connection",
 * which calls the service with the settings as given.
 */
@Service
public class ConnectorSettings {

    private static final Logger log = LoggerFactory.getLogger(ConnectorSettings.class);

    private final CredentialVault vault;
    private final OutboundUrlPolicy urlPolicy;
    private final Map<String, ConnectionCheck> checks;

    ConnectorSettings(CredentialVault vault, OutboundUrlPolicy urlPolicy, List<ConnectionCheck> checks) {
        this.vault = vault;
        this.urlPolicy = urlPolicy;
        this.checks = checks.stream().collect(Collectors.toMap(ConnectionCheck::connector, Function.identity()));
    }

    /** What a connector's settings, once stored, look like to someone who may not read its secrets. */
    public record Stored(Map<String, String> values, Map<String, Instant> secretsSetOn) {
    }

    /** @return the problems, one per field, never echoing a value; nothing is saved unless there are none */
    public List<ConnectorFields.Problem> save(ConnectorFields connector, Map<String, String> fields) {
        List<ConnectorFields.Problem> problems = problemsWith(connector, fields);
        if (problems.isEmpty()) {
            vault.save(TenantContext.require(), connector.connectorName(), fields);
        }
        return problems;
    }

    /** @return whether anything was stored */
    public boolean delete(ConnectorFields connector) {
        return vault.delete(TenantContext.require(), connector.connectorName());
    }

    public Optional<Map<String, String>> masked(ConnectorFields connector) {
        return vault.masked(TenantContext.require(), connector.connectorName());
    }

    /** The stored settings without their secrets' values: the plain fields, and when each secret was set. */
    public Optional<Stored> stored(ConnectorFields connector) {
        return vault.find(TenantContext.require(), connector.connectorName()).map(values -> {
            Map<String, String> plain = new LinkedHashMap<>();
            connector.fields().stream().filter(f -> !f.secret() && values.containsKey(f.name()))
                    .forEach(f -> plain.put(f.name(), values.get(f.name())));
            return new Stored(plain, vault.secretsSetOn(TenantContext.require(), connector.connectorName()));
        });
    }

    /**
     * A form's fields with each secret left blank replaced by the stored one: secrets are never shown back, so a
     * blank secret field means "keep it".
     */
    public Map<String, String> keepingStoredSecrets(ConnectorFields connector, Map<String, String> form) {
        Map<String, String> stored = vault.find(TenantContext.require(), connector.connectorName()).orElse(Map.of());
        Map<String, String> merged = new LinkedHashMap<>();
        for (ConnectorFields.Field field : connector.fields()) {
            String value = form.get(field.name());
            if (field.secret() && (value == null || value.isBlank()) && stored.containsKey(field.name())) {
                value = stored.get(field.name());
            }
            if (value != null && !value.isBlank()) {
                merged.put(field.name(), value.strip());
            }
        }
        return merged;
    }

    public boolean testable(ConnectorFields connector) {
        return checks.containsKey(connector.connectorName());
    }

    /**
     * Calls the connector's service with {@code fields} (checked first, not stored).
     *
     * @return what the service holds, or why the call failed, as one line fit to show
     */
    public String test(ConnectorFields connector, Map<String, String> fields) {
        ConnectionCheck check = checks.get(connector.connectorName());
        if (check == null) {
            return "There is no connection test for " + connector.connectorName() + ".";
        }
        List<ConnectorFields.Problem> problems = problemsWith(connector, fields);
        if (!problems.isEmpty()) {
            return "Not tested: " + problems.stream().map(p -> p.field() + " " + p.message())
                    .collect(Collectors.joining("; ")) + ".";
        }
        try {
            return check.check(TenantContext.require(), fields);
        } catch (UpstreamException e) {
            return "Failed: " + e.getMessage() + (e.status() == 401 || e.status() == 403
                    ? "; the service refused these credentials" : "") + ".";
        } catch (RuntimeException e) {
            // a library's message may quote what it was given, and that may be a secret: log it, show the kind only
            log.warn("Connection test of {} failed", connector.connectorName(), e);
            return "Failed: " + e.getClass().getSimpleName() + " (see the server log).";
        }
    }

    private List<ConnectorFields.Problem> problemsWith(ConnectorFields connector, Map<String, String> fields) {
        List<ConnectorFields.Problem> problems = new ArrayList<>(connector.problemsWith(fields));
        Set<String> refused = problems.stream().map(ConnectorFields.Problem::field).collect(Collectors.toSet());
        connector.fields().stream().filter(ConnectorFields.Field::url).filter(f -> !refused.contains(f.name()))
                .forEach(f -> connector.value(fields, f.name(), FieldKind.URL)
                        .ifPresent(url -> vet(f.name(), url, problems)));
        return problems;
    }

    private void vet(String field, URI url, List<ConnectorFields.Problem> problems) {
        try {
            urlPolicy.check(url);
        } catch (OutboundUrlRejected e) {
            problems.add(new ConnectorFields.Problem(field, e.getMessage()));
        }
    }
}
