package com.mspanalytics.sync;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** {@code POST /sync/{entity}} with a name no source has: 404 listing the names that exist. */
public class UnknownSyncEntity extends ErrorResponseException {

    UnknownSyncEntity(String entity, List<String> known) {
        super(HttpStatus.NOT_FOUND, ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                "Nothing to sync named '" + entity + "'. Entities: " + String.join(", ", known) + "."), null);
    }
}
