package com.mspanalytics.kpi;

import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.converter.ResolvedSchema;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.ComposedSchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.Discriminator;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

/**
 * Publishes each KPI's result in the OpenAPI document under the KPI's name ({@code TimeConsumptionResult}, …): the
 * {@link KpiResult} envelope with that KPI's own summary and rows, and makes the KPI endpoints answer one of them,
 * told apart by {@code kpi}.
 */
@Component
class KpiResultSchemas implements OpenApiCustomizer {

    private static final String ENVELOPE = "KpiResult";

    private final List<Kpi<?>> kpis;

    KpiResultSchemas(List<Kpi<?>> kpis) {
        this.kpis = kpis.stream().sorted(Comparator.comparing(Kpi::slug)).toList();
    }

    @Override
    public void customise(OpenAPI api) {
        if (api.getComponents() == null || api.getComponents().getSchemas() == null
                || !api.getComponents().getSchemas().containsKey(ENVELOPE)) {
            return;
        }
        Discriminator discriminator = new Discriminator().propertyName("kpi");
        List<Schema> results = new ArrayList<>();
        for (Kpi<?> kpi : kpis) {
            String name = schemaName(kpi.slug());
            ResolvedSchema body = ModelConverters.getInstance().readAllAsResolvedSchema(kpi.resultType());
            String bodyName = bodyName(kpi.resultType());
            // the body's own schema is folded into the result below; what it refers to becomes components
            body.referencedSchemas.forEach((ref, schema) -> {
                if (!ref.equals(bodyName)) {
                    api.getComponents().addSchemas(ref, schema);
                }
            });
            Map<String, Schema> parts = body.schema.getProperties();
            Schema<?> own = new ObjectSchema()
                    .addProperty("kpi", new StringSchema()._enum(List.of(kpi.slug())))
                    .addProperty("summary", parts.get("summary"))
                    .addProperty("rows", parts.get("rows"));
            api.getComponents().addSchemas(name, new ComposedSchema()
                    .addAllOfItem(new Schema<>().$ref(ref(ENVELOPE))).addAllOfItem(own)
                    .description("A stored result of " + kpi.slug() + "."));
            discriminator.mapping(kpi.slug(), ref(name));
            results.add(new Schema<>().$ref(ref(name)));
        }
        Schema<?> one = new ComposedSchema().oneOf(results).discriminator(discriminator);
        api.getPaths().forEach((path, item) -> {
            if (path.equals("/compute/kpi/{slug}") || path.equals("/kpi/{slug}/latest")) {
                answer(item, one);
            } else if (path.equals("/compute/kpi/all") || path.equals("/kpi/{slug}/results")) {
                answer(item, new ArraySchema().items(one));
            }
        });
    }

    /** "time-consumption" → "TimeConsumptionResult". */
    static String schemaName(String slug) {
        return Arrays.stream(slug.split("-"))
                .map(part -> part.substring(0, 1).toUpperCase(Locale.ROOT) + part.substring(1))
                .collect(Collectors.joining()) + "Result";
    }

    private static String bodyName(Class<?> type) {
        io.swagger.v3.oas.annotations.media.Schema named = type.getAnnotation(io.swagger.v3.oas.annotations.media.Schema.class);
        return named != null && !named.name().isEmpty() ? named.name() : type.getSimpleName();
    }

    private static void answer(PathItem item, Schema<?> schema) {
        for (Operation operation : item.readOperations()) {
            ApiResponse ok = operation.getResponses().get("200");
            if (ok != null) {
                ok.setContent(new Content().addMediaType("application/json", new MediaType().schema(schema)));
            }
        }
    }

    private static String ref(String name) {
        return "#/components/schemas/" + name;
    }
}
