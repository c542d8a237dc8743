package com.mspanalytics.support;

/** Strong-looking but public values: tests only. */
public final class TestSecrets {

    public static final String JWT_SECRET_KEY =
            "tQ9vR2mX7kL4pZ8wN3bY6cF1hJ5sD0gA2eU7iO9rT4yW8qE3xC6vB1nM5lK0jH2gF7dS4aP9oI3uY8tR6eW1";
    public static final String SECRETS_MASTER_KEY = "mK3nB8vC1xZ6lJ4hG9fD2sA7pO5iU0yT";
    public static final String SECRETS_SALT = "Qw7Er4Ty1Ui8Op3As6";
    public static final String API_KEY_PEPPER = "Zx4Cv7Bn2Mq9Wr5Ty8Ui3Op6As1Df0Gh";

    private TestSecrets() {
    }
}
