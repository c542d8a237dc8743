package com.mspanalytics.dashboard;

/** The sign-in page's link to the single sign-on provider (public, with public accessors: the template reads them). */
public record SingleSignOnLink(String path, String providerName) {
}
