package com.mspanalytics.secrets;

import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SecretsConfiguration {

    @Bean
    CredentialCipher credentialCipher(SecretsProperties properties) {
        CredentialKey current = CredentialKey.derive(properties.masterKey(), properties.salt());
        if (properties.hasPreviousKey() && (properties.previousSalt() == null || properties.previousSalt().isBlank())) {
            throw new IllegalStateException("SECRETS_PREVIOUS_SALT is required with SECRETS_PREVIOUS_MASTER_KEY");
        }
        List<CredentialKey> previous = properties.hasPreviousKey()
                ? List.of(CredentialKey.derive(properties.previousMasterKey(), properties.previousSalt()))
                : List.of();
        return new CredentialCipher(current, previous);
    }
}
