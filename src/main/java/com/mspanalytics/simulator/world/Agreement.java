package com.mspanalytics.simulator.world;

import java.time.LocalDate;
import java.util.List;

/** A client agreement; {@code endDate} null means no ending date. */
public record Agreement(int id, int companyId, String name, AgreementType type, LocalDate startDate,
                        LocalDate endDate, double billAmount, List<Addition> additions) {

    public boolean covers(Board board, WorkType workType) {
        boolean boardCovered = type.coveredBoards().contains(board)
                || additions.stream().anyMatch(a -> a.coveredBoard() == board);
        return boardCovered && type.coveredWorkTypes().contains(workType);
    }
}
