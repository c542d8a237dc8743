package com.mspanalytics.health;

/** One dependency's state for {@code GET /health}. Beans of this type are discovered. */
public interface ComponentCheck {

    /** Key in the {@code checks} object, e.g. "database". */
    String name();

    /** "UP", "DOWN", or a component-specific state such as "EMBEDDED". */
    String status();

    /** Whether this component being DOWN makes the whole service unavailable (503). */
    boolean critical();
}
