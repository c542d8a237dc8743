package com.mspanalytics.alerts.digest;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * The digest as an e-mail: HTML (Thymeleaf, which escapes every value, so a client named {@code <script>} stays
 * text) with its charts, and a plain-text part with the same figures for clients that show no HTML.
 */
@Component
class DigestRenderer {

    /** The e-mail's parts; {@code images} maps each chart's content id to its PNG bytes. */
    record Rendered(String subject, String html, String text, Map<String, byte[]> images) {
    }

    private final TemplateEngine html = engine(TemplateMode.HTML, ".html");
    private final TemplateEngine text = engine(TemplateMode.TEXT, ".txt");

    /** For mail: the HTML refers to the charts by content id ({@code cid:}), attached inline. */
    Rendered forMail(WeeklyDigest digest) {
        return render(digest, true);
    }

    /** For a browser or a file: the charts are embedded in the HTML as data URLs. */
    Rendered standalone(WeeklyDigest digest) {
        return render(digest, false);
    }

    private Rendered render(WeeklyDigest digest, boolean inline) {
        Map<String, byte[]> images = DigestCharts.of(digest);
        Map<String, String> sources = new LinkedHashMap<>();
        images.forEach((cid, png) -> sources.put(cid, inline ? "cid:" + cid
                : "data:image/png;base64," + Base64.getEncoder().encodeToString(png)));
        Context context = new Context();
        context.setVariable("d", digest);
        context.setVariable("images", sources);
        return new Rendered(digest.subject(), html.process("weekly", context), text.process("weekly", context), images);
    }

    private static TemplateEngine engine(TemplateMode mode, String suffix) {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("templates/digest/");
        resolver.setSuffix(suffix);
        resolver.setTemplateMode(mode);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(true);
        // Spring's flavour: expressions are SpEL, as in the dashboard's templates (OGNL is not on the class path)
        TemplateEngine engine = new SpringTemplateEngine();
        engine.setTemplateResolver(resolver);
        return engine;
    }
}
