package com.mspanalytics.simulator.world;

/** A (type, subType, item) issue category on a board. {@code baseHours} is the typical work per ticket. */
public record Category(int id, Board board, int typeId, String type, int subTypeId, String subType,
                       int itemId, String item, double weight, double baseHours) {

    /** The KPI domain: the ticket type name. */
    public String domain() { return type; }

    public String key() { return type + "/" + subType + "/" + item; }
}
