package com.mspanalytics.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mspanalytics.MspAnalyticsApplication;
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
 * Production mode refuses weak secrets before touching anything else. The database URL points at a
 * port nobody listens on: had validation not stopped startup first, the failure would be different.
 */
@ExtendWith(OutputCaptureExtension.class)
class ConfigurationValidationTests {

    @ParameterizedTest(name = "{0} = ''{1}''")
    @CsvSource({
            "JWT_SECRET_KEY, '', is not set",
            "JWT_SECRET_KEY, short-jwt-key-9f8e7d6c5b4a, is too short",
            "JWT_SECRET_KEY, changeme-changeme-changeme-changeme-changeme-changeme-changeme-changeme, placeholder",
            "SECRETS_MASTER_KEY, '', is not set",
            "SECRETS_MASTER_KEY, 0123456789abcdefghijklmn, is too short",
            "SECRETS_SALT, '', is not set",
            "SECRETS_SALT, aaaaaaaaaaaaaaaaaaaaaa, placeholder",
            "DB_APP_PASSWORD, abc123, is too short",
            "API_KEY_PEPPER, '', is not set",
            "DB_PASSWORD, '', is not set",
            "REDIS_PASSWORD, '', is not set"})
    void refusesToStartNamingTheWeakVariable(String variable, String value, String reason, CapturedOutput output) {
        Map<String, Object> env = strongProductionEnvironment();
        env.put(variable, value);

        assertThatThrownBy(() -> new SpringApplicationBuilder(MspAnalyticsApplication.class).properties(env).run())
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith(variable + " ")
                .hasMessageContaining(reason);
        assertThat(output.getOut() + output.getErr()).contains("APPLICATION FAILED TO START").contains(variable);
        if (!value.isEmpty()) {
            assertThat(output.getOut() + output.getErr()).doesNotContain(value);
        }
    }

    private static Map<String, Object> strongProductionEnvironment() {
        Map<String, Object> env = new HashMap<>();
        env.put("DATABASE_URL", "jdbc:postgresql://127.0.0.1:1/nothing");
        env.put("DB_PASSWORD", "owner-password");
        env.put("DB_APP_PASSWORD", "app-role-password-long-enough");
        env.put("JWT_SECRET_KEY", TestSecrets.JWT_SECRET_KEY);
        env.put("SECRETS_MASTER_KEY", TestSecrets.SECRETS_MASTER_KEY);
        env.put("SECRETS_SALT", TestSecrets.SECRETS_SALT);
        env.put("API_KEY_PEPPER", TestSecrets.API_KEY_PEPPER);
        env.put("REDIS_URL", "redis://127.0.0.1:1");
        env.put("REDIS_PASSWORD", "redis-password-for-validation");
        env.put("PORT", "0");
        return env;
    }
}
