package com.mspanalytics.secrets;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Key material for connector credentials. Lengths and placeholders are checked at startup by
 * {@code config.SecretsBootstrap}, before this is bound.
 *
 * @param masterKey {@code SECRETS_MASTER_KEY}: encrypts every new value
 * @param salt {@code SECRETS_SALT}: HKDF salt, per deployment
 * @param previousMasterKey {@code SECRETS_PREVIOUS_MASTER_KEY}: set only while rotating; values still
 *        under it stay readable, and {@code rotate-secrets} re-encrypts them under {@code masterKey}
 * @param previousSalt {@code SECRETS_PREVIOUS_SALT}: the salt that went with the previous key
 */
@ConfigurationProperties("msp.secrets")
record SecretsProperties(String masterKey, String salt, String previousMasterKey, String previousSalt) {

    boolean hasPreviousKey() {
        return previousMasterKey != null && !previousMasterKey.isBlank();
    }

    /** A record's default toString would print the keys into any log or failure report that shows it. */
    @Override
    public String toString() {
        return "SecretsProperties[masterKey=****, salt=****, previousKey=" + (hasPreviousKey() ? "****" : "none") + "]";
    }
}
