package com.mspanalytics.web;

/** One entry of a validation problem's {@code errors} array: which input field, and why. */
public record FieldError(String field, String message) {
}
