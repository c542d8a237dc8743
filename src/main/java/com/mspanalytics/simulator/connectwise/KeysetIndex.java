package com.mspanalytics.simulator.connectwise;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.IntToLongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.node.ObjectNode;

/**
 * One large collection at one clock position, sorted by ({@code _info/lastUpdated}, id), so that the keyset reads a
 * connector makes are answered by binary search instead of testing every record: without it each page of a
 * 200k-ticket world costs seconds. Only the shapes below are answered here; {@link #select} returns null for anything
 * else and {@link ListQuery} evaluates it generically. Answers are the generic path's exactly (same records, same
 * order, same count), which {@code KeysetIndexTests} checks response by response.
 * <ul>
 *   <li>no conditions, ordered by id (or not ordered) or by lastUpdated[, id];</li>
 *   <li>{@code F > [W]} and {@code F >= [W]}, ordered by lastUpdated[, id];</li>
 *   <li>{@code F > [W] OR (F = [W] AND id > N)}, ordered by lastUpdated[, id] (the keyset of a resumed read);</li>
 * </ul>
 * where {@code F} is {@code lastUpdated} or {@code _info/lastUpdated} (any case) and {@code W} has no fraction of a
 * second (records carry whole seconds).
 */
final class KeysetIndex {

    private static final String LU = "(?:_info/)?lastupdated";
    private static final String AT = "\\[\\s*([^\\]]*?)\\s*]";
    private static final Pattern AFTER = Pattern.compile("^\\s*" + LU + "\\s*(>=?)\\s*" + AT + "\\s*$", Pattern.CASE_INSENSITIVE);
    private static final Pattern KEYSET = Pattern.compile("^\\s*" + LU + "\\s*>\\s*" + AT + "\\s*or\\s*\\(\\s*" + LU
            + "\\s*=\\s*" + AT + "\\s*and\\s+id\\s*>\\s*(\\d{1,18})\\s*\\)\\s*$", Pattern.CASE_INSENSITIVE);

    /** Id of each record, in the collection's (id) order. */
    private final long[] ids;
    /** Record positions in (lastUpdated, id) order, and their lastUpdated in epoch seconds. */
    private final int[] byUpdated;
    private final long[] updatedSeconds;

    private KeysetIndex(long[] ids, int[] byUpdated, long[] updatedSeconds) {
        this.ids = ids;
        this.byUpdated = byUpdated;
        this.updatedSeconds = updatedSeconds;
    }

    /**
     * @param id            the id of the record at a position (positions are in id order)
     * @param lastUpdated   its {@code _info/lastUpdated} in epoch seconds, exactly as its JSON shows it
     * @return null when the ids are not strictly ascending (then nothing is answered from an index)
     */
    static KeysetIndex build(int size, IntToLongFunction id, IntToLongFunction lastUpdated) {
        long[] ids = new long[size];
        long[] seconds = new long[size];
        long min = Long.MAX_VALUE, max = Long.MIN_VALUE;
        for (int i = 0; i < size; i++) {
            ids[i] = id.applyAsLong(i);
            if (i > 0 && ids[i] <= ids[i - 1]) return null;
            seconds[i] = lastUpdated.applyAsLong(i);
            min = Math.min(min, seconds[i]);
            max = Math.max(max, seconds[i]);
        }
        if (size > 0 && max - min >= (1L << 31)) return null;
        // (seconds since the earliest, position) packed in one long: positions are in id order, so this sorts by (lastUpdated, id)
        long[] keys = new long[size];
        for (int i = 0; i < size; i++) keys[i] = ((seconds[i] - min) << 32) | i;
        Arrays.sort(keys);
        int[] order = new int[size];
        long[] sorted = new long[size];
        for (int i = 0; i < size; i++) {
            order[i] = (int) keys[i];
            sorted[i] = (keys[i] >>> 32) + min;
        }
        return new KeysetIndex(ids, order, sorted);
    }

    int size() { return ids.length; }

    long idAt(int position) { return ids[position]; }

    /** First position whose id is above {@code id} (forward-only paging). */
    int firstIdAbove(long id) {
        int index = Arrays.binarySearch(ids, id);
        return index >= 0 ? index + 1 : -index - 1;
    }

    /** The record position at {@code rank} in (lastUpdated, id) order. */
    int positionByUpdated(int rank) { return byUpdated[rank]; }

    /**
     * Matching records in (lastUpdated, id) order: ranks {@code start}… of the index's order, rendered when read.
     * {@code records} is the collection the index was built from.
     */
    record Selection(KeysetIndex index, List<ObjectNode> records, int start) {}

    /** The ranks behind a list {@link #select} returned; null when it is in id order (or not from an index). */
    static Selection selectionOf(List<ObjectNode> selected) {
        return selected instanceof KeysetIndex.SelectionList list ? list.selection : null;
    }

    private final class SelectionList extends AbstractList<ObjectNode> {
        private final Selection selection;

        SelectionList(Selection selection) {
            this.selection = selection;
        }

        @Override
        public ObjectNode get(int index) {
            return selection.records().get(byUpdated[selection.start() + index]);
        }

        @Override
        public int size() {
            return byUpdated.length - selection.start();
        }
    }

    /** The records matching {@code conditions} in {@code orderBy} order, or null when this index does not answer that. */
    List<ObjectNode> select(List<ObjectNode> records, String conditions, String orderBy) {
        Order order = order(orderBy);
        if (order == null) return null;
        boolean none = conditions == null || conditions.isBlank();
        if (order == Order.ID) return none ? records : null;
        int from;
        if (none) {
            from = 0;
        } else {
            Matcher keyset = KEYSET.matcher(conditions);
            Matcher after = AFTER.matcher(conditions);
            if (keyset.matches()) {
                Long at = seconds(keyset.group(1));
                if (at == null || !at.equals(seconds(keyset.group(2)))) return null;
                from = firstAfter(at, Long.parseLong(keyset.group(3)));
            } else if (after.matches()) {
                Long at = seconds(after.group(2));
                if (at == null) return null;
                from = after.group(1).equals(">") ? firstAfter(at, Long.MAX_VALUE) : firstAfter(at - 1, Long.MAX_VALUE);
            } else {
                return null;
            }
        }
        return new SelectionList(new Selection(this, records, from));
    }

    /** First position in (lastUpdated, id) order strictly after ({@code seconds}, {@code id}). */
    private int firstAfter(long seconds, long id) {
        int low = 0, high = byUpdated.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            long s = updatedSeconds[mid];
            if (s < seconds || (s == seconds && ids[byUpdated[mid]] <= id)) low = mid + 1;
            else high = mid;
        }
        return low;
    }

    /** Whole epoch seconds of a datetime literal; null for one the generic path should judge (invalid, or with a fraction). */
    private static Long seconds(String literal) {
        try {
            Instant instant = Instant.parse(literal.trim());
            return instant.getNano() == 0 ? instant.getEpochSecond() : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private enum Order { ID, UPDATED }

    private static Order order(String orderBy) {
        if (orderBy == null || orderBy.isBlank()) return Order.ID;
        String[] clauses = orderBy.split(",", -1);
        if (clauses.length > 2) return null;
        String first = ascendingField(clauses[0]);
        if (first == null) return null;
        if (clauses.length == 1) {
            if (first.equals("id")) return Order.ID;
            return isLastUpdated(first) ? Order.UPDATED : null;
        }
        if (!"id".equals(ascendingField(clauses[1]))) return null;
        if (first.equals("id")) return Order.ID;
        return isLastUpdated(first) ? Order.UPDATED : null;
    }

    private static boolean isLastUpdated(String field) {
        return field.equals("lastupdated") || field.equals("_info/lastupdated");
    }

    /** The lower-cased field of an ascending clause ({@code field} or {@code field asc}), else null. */
    private static String ascendingField(String clause) {
        String[] parts = clause.trim().split("\\s+");
        if (parts.length == 0 || parts[0].isEmpty() || parts.length > 2) return null;
        if (parts.length == 2 && !parts[1].equalsIgnoreCase("asc")) return null;
        return parts[0].toLowerCase(Locale.ROOT);
    }
}
