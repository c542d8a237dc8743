package com.mspanalytics.simulator.world;

import java.util.Set;

/**
 * Agreement types and the coverage the world applies to them. These are the coverage rules a tenant
 * should configure for KPI 05 against this world; an addition can widen them (see {@link Addition#coveredBoard()}).
 */
public enum AgreementType {
    MANAGED_SERVICES("Managed Services", Set.of(Board.SERVICE_DESK, Board.NETWORK), Set.of(WorkType.REMOTE, WorkType.ONSITE)),
    BLOCK_HOURS("Block Hours", Set.of(Board.SERVICE_DESK, Board.NETWORK), Set.of(WorkType.REMOTE, WorkType.ONSITE, WorkType.AFTER_HOURS)),
    TIME_AND_MATERIALS("Time & Materials", Set.of(Board.values()), Set.of(WorkType.values()));

    private final String displayName;
    private final Set<Board> boards;
    private final Set<WorkType> workTypes;

    AgreementType(String displayName, Set<Board> boards, Set<WorkType> workTypes) {
        this.displayName = displayName;
        this.boards = boards;
        this.workTypes = workTypes;
    }

    public String displayName() { return displayName; }

    public Set<Board> coveredBoards() { return boards; }

    public Set<WorkType> coveredWorkTypes() { return workTypes; }

    public int id() { return ordinal() + 1; }
}
