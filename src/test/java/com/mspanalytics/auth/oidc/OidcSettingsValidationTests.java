package com.mspanalytics.auth.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mspanalytics.MspAnalyticsApplication;
import com.mspanalytics.config.InvalidConfigurationException;
import com.mspanalytics.support.TestSecrets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Single sign-on half configured refuses to start, naming the variable, before anything else happens: the database
 * URL points at a port nobody listens on, so a later failure would read differently.
 */
@ExtendWith(OutputCaptureExtension.class)
class OidcSettingsValidationTests {

    private static final String ISSUER = "https://login.microsoftonline.com/4f1c2a9e-0000-4000-8000-00000000c0de/v2.0";
    private static final String CLIENT_ID = "7d2b6c1e-1111-4222-8333-444455556666";
    private static final String CLIENT_SECRET = "Xq8~b3Kf.9zLm2Rt_Vw5Yp7Hn4Jd6Gs1";

    @ParameterizedTest(name = "{0} = ''{1}''")
    @CsvSource({
            "OIDC_CLIENT_SECRET, '', OIDC_CLIENT_SECRET is not set",
            "OIDC_CLIENT_SECRET, 9fK2x7Qm, OIDC_CLIENT_SECRET is too short",
            "OIDC_CLIENT_SECRET, changeme-to-the-real-secret, OIDC_CLIENT_SECRET looks like a placeholder",
            "OIDC_CLIENT_ID, '', OIDC_CLIENT_ID is not set",
            "OIDC_ISSUER_URI, login.microsoftonline.com/common, OIDC_ISSUER_URI is not an http or https URL",
            "OIDC_ISSUER_URI, http://login.example.net/v2.0, OIDC_ISSUER_URI must be an https URL",
            "OIDC_ISSUER_URI, '', OIDC_ISSUER_URI is not set"})
    void refusesToStartNamingTheVariable(String variable, String value, String message, CapturedOutput output) {
        Map<String, Object> env = productionWithSingleSignOn();
        env.put(variable, value);

        assertThatThrownBy(() -> new SpringApplicationBuilder(MspAnalyticsApplication.class).properties(env).run())
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith(message);
        assertThat(output.getOut() + output.getErr()).contains("APPLICATION FAILED TO START").contains(variable)
                .doesNotContain(CLIENT_SECRET);
        if (variable.equals("OIDC_CLIENT_SECRET") && !value.isEmpty()) {
            assertThat(output.getOut() + output.getErr()).doesNotContain(value);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "https://login.microsoftonline.com/4f1c2a9e-0000-4000-8000-00000000c0de/v2.0, false",
            "http://127.0.0.1:8443, true"})
    void acceptsACompleteConfiguration(String issuer, boolean privateAddressesAllowed) {
        OidcProperties settings = new OidcProperties(issuer, CLIENT_ID, CLIENT_SECRET, "");

        assertThat(settings.problem(!privateAddressesAllowed)).isNull();
        assertThat(settings.displayName()).isEqualTo("Microsoft");
        assertThat(new OidcProperties(null, null, null, "").problem(true)).as("not configured at all").isNull();
    }

    private static Map<String, Object> productionWithSingleSignOn() {
        Map<String, Object> env = new HashMap<>();
        env.put("DATABASE_URL", "jdbc:postgresql://127.0.0.1:1/nothing");
        env.put("DB_PASSWORD", "owner-password");
        env.put("DB_APP_PASSWORD", "app-role-password-long-enough");
        env.put("JWT_SECRET_KEY", TestSecrets.JWT_SECRET_KEY);
        env.put("SECRETS_MASTER_KEY", TestSecrets.SECRETS_MASTER_KEY);
        env.put("SECRETS_SALT", TestSecrets.SECRETS_SALT);
        env.put("API_KEY_PEPPER", TestSecrets.API_KEY_PEPPER);
        env.put("PORT", "0");
        env.put("OIDC_ISSUER_URI", ISSUER);
        env.put("OIDC_CLIENT_ID", CLIENT_ID);
        env.put("OIDC_CLIENT_SECRET", CLIENT_SECRET);
        return env;
    }
}
