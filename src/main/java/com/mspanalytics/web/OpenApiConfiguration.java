package com.mspanalytics.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The document served at /v3/api-docs and browsed at /docs. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI mspAnalyticsOpenApi(ObjectProvider<BuildProperties> build) {
        BuildProperties properties = build.getIfAvailable();
        return new OpenAPI().info(new Info()
                .title("MSP Analytics API")
                .version(properties == null ? "dev" : properties.getVersion())
                .description("""
                        KPIs, anomalies, alerts and AI summaries for Managed Service Providers, computed from \
                        ConnectWise PSA, SmileBack, SentinelOne and Microsoft Defender data. Every error is \
                        RFC 9457 problem JSON (application/problem+json).""")
                .license(new License().name("Proprietary")));
    }
}
