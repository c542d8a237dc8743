package com.mspanalytics.llm;

import com.mspanalytics.web.FieldError;
import com.mspanalytics.web.ProblemTypes;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** Body of {@code POST /llm/summarize}: exactly one of the two. */
@Schema(description = "Which result to summarise: give kpi (its latest result) or resultId, not both")
record SummarizeRequest(
        @Schema(description = "A KPI slug; its latest stored result is summarised", example = "ticket-trends") String kpi,
        @Schema(description = "A stored result's id (from GET /kpi/{slug}/results)") UUID resultId) {

    /** @throws ErrorResponseException 400 naming the field, like every validation problem of the API */
    void validate() {
        FieldError error = null;
        if (kpi == null && resultId == null) {
            error = new FieldError("kpi", "kpi or resultId is required");
        } else if (kpi != null && resultId != null) {
            error = new FieldError("resultId", "give kpi or resultId, not both");
        } else if (kpi != null && kpi.isBlank()) {
            error = new FieldError("kpi", "must not be blank");
        }
        if (error != null) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                    error.field() + ": " + error.message());
            problem.setType(ProblemTypes.VALIDATION);
            problem.setTitle("Invalid request");
            problem.setProperty("errors", List.of(error));
            throw new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
        }
    }
}
