package com.mspanalytics.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** @param maxRequestBytes request bodies above this size are refused with 413 before they are parsed */
@ConfigurationProperties("msp.web")
public record WebProperties(@DefaultValue("1048576") long maxRequestBytes) {
}
