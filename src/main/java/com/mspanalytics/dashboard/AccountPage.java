package com.mspanalytics.dashboard;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The signed-in user's own account: who they are, and the form that changes their password. */
public record AccountPage(String email, String displayName, String role, @Nullable String flash, List<String> problems) {
}
