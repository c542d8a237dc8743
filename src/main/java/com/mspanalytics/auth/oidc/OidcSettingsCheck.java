package com.mspanalytics.auth.oidc;

import com.mspanalytics.config.InvalidConfigurationException;
import com.mspanalytics.config.RunMode;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Refuses to start with single sign-on half configured, before any bean exists (like the secrets' check): one line
 * naming the variable, rather than a failure at the first person's sign-in.
 */
class OidcSettingsCheck implements EnvironmentPostProcessor {

    static final String ACTION = "Set OIDC_ISSUER_URI, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET from the provider's app "
            + "registration, or none of them (docs/dashboard.md, \"Single sign-on\")";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Binder binder = Binder.get(environment);
        OidcProperties settings = binder.bindOrCreate("msp.sso.oidc", OidcProperties.class);
        boolean privateAllowed = binder.bind("msp.connectors.allow-private-addresses", Boolean.class)
                .orElse(RunMode.of(environment) == RunMode.EMBEDDED);
        String problem = settings.problem(!privateAllowed);
        if (problem != null) {
            throw new InvalidConfigurationException(problem, ACTION);
        }
    }
}
