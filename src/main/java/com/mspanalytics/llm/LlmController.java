package com.mspanalytics.llm;

import com.mspanalytics.kpi.KpiResult;
import com.mspanalytics.kpi.KpiService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

@RestController
@Tag(name = "AI summaries", description = "KPI results summarised by Claude, within a monthly token budget per tenant")
class LlmController {

    private final KpiService kpis;
    private final LlmSummaries summaries;

    LlmController(KpiService kpis, LlmSummaries summaries) {
        this.kpis = kpis;
        this.summaries = summaries;
    }

    @PostMapping("/llm/summarize")
    @Operation(summary = "Summarise a KPI result with Claude (permission: llm)", description = """
            Body {"kpi": slug} summarises that KPI's latest stored result, {"resultId": id} a given one. \
            sales-opportunities and improvement-projects get a 2–4 sentence brief for the account manager, the \
            other KPIs a short summary. Only the result's numbers are sent (its summary and first rows, contact \
            names, e-mails and phones removed), marked as data that cannot instruct the model. The model and key \
            are the tenant's anthropic connector settings, else the server's ANTHROPIC_API_KEY. Tokens count \
            against the tenant's monthly budget, checked before the call.""")
    @ApiResponse(responseCode = "200", description = "The summary, the tokens it used and their estimated cost")
    @ApiResponse(responseCode = "404", description = "No such KPI, no result of it yet, or no such result")
    @ApiResponse(responseCode = "503", description = """
            No LLM configured (the detail says how to configure one), the monthly token budget spent, the key \
            refused, or Claude rate limited, overloaded or unreachable after retries""",
            headers = @Header(name = "Retry-After", description = "Seconds until trying again makes sense, when known",
                    schema = @Schema(type = "integer")),
            content = @Content(mediaType = "application/problem+json",
                    schema = @Schema(ref = "#/components/schemas/Problem")))
    Summary summarize(@RequestBody SummarizeRequest request) {
        request.validate();
        KpiResult result = request.kpi() != null
                ? kpis.latest(request.kpi()).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                        "No result of " + request.kpi() + " yet; compute it with POST /compute/kpi/" + request.kpi() + "."))
                : kpis.find(request.resultId()).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                        "No KPI result " + request.resultId() + "."));
        return summaries.summarize(result).orElseThrow(LlmUnavailable::notConfigured);
    }
}
