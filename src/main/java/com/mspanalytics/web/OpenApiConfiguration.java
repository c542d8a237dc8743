package com.mspanalytics.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The document served at /v3/api-docs and browsed at /docs: both credentials as security schemes,
 * required everywhere but /health, and the problem JSON every error answers with.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    private static final String PROBLEM = "#/components/schemas/Problem";
    private static final Map<String, String> ERRORS = Map.of(
            "400", "Invalid input: problem JSON naming each field in errors[]",
            "401", "Missing or invalid credential",
            "403", "The credential lacks the required permission",
            "404", "Not found (also for another tenant's ids)",
            "413", "Request body over 1 MiB",
            "429", "Rate limit reached; see Retry-After",
            "500", "Unexpected error; logged, no details returned");

    @Bean
    OpenAPI mspAnalyticsOpenApi(ObjectProvider<BuildProperties> build) {
        BuildProperties properties = build.getIfAvailable();
        return new OpenAPI()
                .info(new Info()
                        .title("MSP Analytics API")
                        .version(properties == null ? "dev" : properties.getVersion())
                        .description("""
                                KPIs, anomalies, alerts and AI summaries for Managed Service Providers, computed from \
                                ConnectWise PSA, SmileBack, SentinelOne and Microsoft Defender data. Every error is \
                                RFC 9457 problem JSON (application/problem+json). The tenant is always the one of the \
                                credential.""")
                        .license(new License().name("Proprietary").identifier("LicenseRef-Proprietary")))
                // relative: the document describes whichever instance serves it
                .servers(java.util.List.of(new io.swagger.v3.oas.models.servers.Server().url("/")
                        .description("This instance")))
                .components(new Components()
                        .addSecuritySchemes("apiKey", new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.HEADER).name("X-API-Key")
                                .description("msp_ak_… key from the seed command or POST /api-keys"))
                        .addSecuritySchemes("bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").bearerFormat("JWT")
                                .description("HS256 token, e.g. from POST /auth/token"))
                        .addSchemas("Problem", problemSchema()))
                .addSecurityItem(new SecurityRequirement().addList("apiKey"))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }

    /** Every operation documents the problem responses it can give; /health needs no credential. */
    @Bean
    OpenApiCustomizer documentedErrorResponses() {
        return api -> api.getPaths().forEach((path, item) -> item.readOperations().forEach(operation -> {
            if (path.equals("/health")) {
                operation.setSecurity(java.util.List.of());
                operation.getResponses().computeIfAbsent("406", s -> new ApiResponse()
                        .description("The Accept header asks for something other than JSON"))
                        .setContent(new Content().addMediaType("application/problem+json",
                                new MediaType().schema(new Schema<>().$ref(PROBLEM))));
                return;
            }
            ERRORS.forEach((status, description) -> {
                // Errors never carry the operation's own body type, whatever was inferred for them.
                operation.getResponses().computeIfAbsent(status, s -> new ApiResponse().description(description))
                        .setContent(new Content().addMediaType("application/problem+json",
                                new MediaType().schema(new Schema<>().$ref(PROBLEM))));
            });
        }));
    }

    private static Schema<?> problemSchema() {
        return new ObjectSchema()
                .description("RFC 9457 problem details")
                .addProperty("type", new StringSchema().example("urn:msp-analytics:problem:validation"))
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema())
                .addProperty("errors", new ArraySchema().items(new ObjectSchema()
                        .addProperty("field", new StringSchema()).addProperty("message", new StringSchema())));
    }
}
