package com.mspanalytics.cli;

import com.mspanalytics.secrets.CredentialRotation;
import java.io.PrintStream;
import java.util.Set;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code rotate-secrets}: re-encrypts every stored connector credential under the current
 * {@code SECRETS_MASTER_KEY}/{@code SECRETS_SALT}, reading old values with
 * {@code SECRETS_PREVIOUS_MASTER_KEY}/{@code SECRETS_PREVIOUS_SALT}. Keys come from the environment,
 * never from options, so they do not show in a process list.
 */
final class RotateSecretsCommand implements Command {

    @Override
    public int run(Launch launch, String[] args, PrintStream out, PrintStream err) {
        Options.parse(args, Set.of());
        try (ConfigurableApplicationContext context = launch.quietContext()) {
            int rotated = context.getBean(CredentialRotation.class).rotate();
            out.println("Re-encrypted " + rotated + " connector credential value(s) under the current master key.");
            if (rotated > 0) {
                err.println("Remove SECRETS_PREVIOUS_MASTER_KEY and SECRETS_PREVIOUS_SALT once every node runs the new key.");
            }
            return 0;
        }
    }
}
