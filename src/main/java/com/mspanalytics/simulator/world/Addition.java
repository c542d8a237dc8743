package com.mspanalytics.simulator.world;

import java.time.LocalDate;

/** An agreement addition (a product on the agreement). {@code coveredBoard} is the board it adds to coverage, or null. */
public record Addition(int id, int agreementId, String product, int quantity, double unitPrice,
                       LocalDate effectiveDate, Board coveredBoard) {}
