package com.mspanalytics.dashboard;

/** The signed-in user as the layout shows them (public, with public accessors: templates read them by reflection). */
public record PageViewer(String displayName, String email, String role, boolean manager, boolean admin) {
}
