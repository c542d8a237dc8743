package com.mspanalytics.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A request body larger than {@code msp.web.max-request-bytes}. */
class PayloadTooLargeException extends ErrorResponseException {

    PayloadTooLargeException(long limit) {
        super(HttpStatus.CONTENT_TOO_LARGE, problem(limit), null);
    }

    static ProblemDetail problem(long limit) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
                "The request body exceeds the limit of " + limit + " bytes.");
        problem.setType(ProblemTypes.PAYLOAD_TOO_LARGE);
        problem.setTitle("Payload Too Large");
        problem.setProperty("limitBytes", limit);
        return problem;
    }
}
