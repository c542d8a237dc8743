package com.mspanalytics.tenant;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * The tenant the current thread works for. Set by authentication for a request, or explicitly by
 * jobs that act for one tenant at a time; read by {@link TenantTransactionManager} when a
 * transaction begins. Nothing else should read it to build queries: row-level security does the
 * filtering.
 */
public final class TenantContext {

    private static final ThreadLocal<TenantId> CURRENT = new ThreadLocal<>();

    private TenantContext() {
    }

    public static Optional<TenantId> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    public static TenantId require() {
        return current().orElseThrow(() -> new IllegalStateException("No tenant bound to this thread"));
    }

    /** Binds {@code tenant} until the returned scope is closed, then restores whatever was bound before. */
    public static Scope bind(TenantId tenant) {
        TenantId previous = CURRENT.get();
        CURRENT.set(tenant);
        return () -> restore(previous);
    }

    /** Runs {@code work} as {@code tenant}. */
    public static <T> T callAs(TenantId tenant, Supplier<T> work) {
        try (Scope ignored = bind(tenant)) {
            return work.get();
        }
    }

    public static void runAs(TenantId tenant, Runnable work) {
        callAs(tenant, () -> {
            work.run();
            return null;
        });
    }

    /** A binding that ends when closed; use with try-with-resources. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    private static void restore(TenantId previous) {
        if (previous == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(previous);
        }
    }
}
