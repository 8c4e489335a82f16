package org.platewatch.plate.hotlist;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.platewatch.plate.PlateText;
import org.platewatch.plate.UsState;

/**
 * An immutable index of the active hot-list entries that every read is matched against.
 *
 * <p>Built once from all entries and never changed, so the owner can publish a fresh one with a
 * single {@code AtomicReference.set} and readers on any thread need no lock.
 *
 * <p>Literal entries sit in an open-addressing table keyed by the {@link PlateKey} of their
 * confusable-folded text: one probe finds exact, wrong-state and confusable candidates alike,
 * and a read that hits nothing costs one pass over its characters and (usually) one array read,
 * without allocating. Partial entries are few and scanned ({@link PartialEntries}).
 */
public final class HotlistIndex {

    private static final Comparator<HotlistMatch> STRONGEST_FIRST =
            Comparator.comparing(HotlistMatch::kind).thenComparingLong(m -> m.entry().id());

    private static final HotlistIndex EMPTY = build(List.of());

    // Slot arrays of the table; keys[slot] == PlateKey.EMPTY marks a free slot.
    private final long[] keys;
    private final int[] firsts;
    private final int[] counts;
    private final int shift;
    private final int mask;
    // Literal entries grouped by key: slot s owns literals[firsts[s] .. firsts[s] + counts[s]).
    private final HotlistEntry[] literals;
    private final PartialEntries partials;
    private final int size;

    private HotlistIndex(List<HotlistEntry> literalList, List<HotlistEntry> partialList) {
        int capacity = Integer.highestOneBit(Math.max(16, literalList.size() * 2 - 1)) << 1;
        keys = new long[capacity];
        firsts = new int[capacity];
        counts = new int[capacity];
        shift = 64 - Integer.numberOfTrailingZeros(capacity);
        mask = capacity - 1;
        literals = new HotlistEntry[literalList.size()];
        partials = new PartialEntries(partialList);
        size = literalList.size() + partialList.size();
        fill(literalList);
    }

    /**
     * Builds an index of these entries. The collection is copied; changing it later leaves the
     * index as it was.
     *
     * @throws IllegalArgumentException when two entries share an id
     */
    public static HotlistIndex build(Collection<HotlistEntry> entries) {
        List<HotlistEntry> copy = List.copyOf(entries);
        rejectDuplicateIds(copy);
        List<HotlistEntry> literal = new ArrayList<>(copy.size());
        List<HotlistEntry> partial = new ArrayList<>();
        for (HotlistEntry e : copy) {
            (e.isPartial() ? partial : literal).add(e);
        }
        return new HotlistIndex(literal, partial);
    }

    /** An index with no entries, for an owner that has not loaded its lists yet. */
    public static HotlistIndex empty() {
        return EMPTY;
    }

    /** How many entries the index holds. */
    public int size() {
        return size;
    }

    /**
     * Every entry this read matches, strongest first (see {@link MatchKind}); the shared empty
     * list when none does, which is by far the common case.
     *
     * @param plate      the read's plate text; pass it normalised ({@link PlateText#normalise})
     *                   for speed, other text is normalised here first
     * @param stateOrNull the state the read was recognised with, or null when unknown
     */
    public List<HotlistMatch> match(String plate, UsState stateOrNull) {
        long key = PlateKey.canonical(plate);
        if (key == PlateKey.NOT_NORMALISED) {
            plate = PlateText.normalise(plate);
            key = PlateKey.canonical(plate);
        }
        List<HotlistMatch> found = null;
        if (key > 0) {
            int slot = find(key);
            if (slot >= 0) {
                found = addLiteralMatches(slot, plate, stateOrNull);
            }
        }
        found = partials.addMatches(found, plate, stateOrNull);
        if (found == null) {
            return List.of();
        }
        if (found.size() > 1) {
            found.sort(STRONGEST_FIRST);
        }
        return List.copyOf(found);
    }

    private int find(long key) {
        int slot = home(key);
        while (true) {
            long k = keys[slot];
            if (k == key) {
                return slot;
            }
            if (k == PlateKey.EMPTY) {
                return -1;
            }
            slot = (slot + 1) & mask;
        }
    }

    // Fibonacci hashing: the packed keys of similar plates differ in low digits, so spread them.
    private int home(long key) {
        return (int) ((key * 0x9E3779B97F4A7C15L) >>> shift);
    }

    private List<HotlistMatch> addLiteralMatches(int slot, String plate, UsState readState) {
        // The slot holds every entry whose text folds to the read's; equal text is the exact
        // family, anything else is confusable. So an entry is never reported both ways.
        List<HotlistMatch> found = new ArrayList<>(counts[slot]);
        for (int i = firsts[slot], end = i + counts[slot]; i < end; i++) {
            HotlistEntry e = literals[i];
            StateAgreement state = StateAgreement.of(e.state(), readState);
            found.add(e.platePattern().equals(plate)
                    ? HotlistMatch.sameText(e, state)
                    : new HotlistMatch(e, MatchKind.CONFUSABLE, state));
        }
        return found;
    }

    // Counting placement: count entries per key, lay the groups out in slot order, then drop
    // each entry into its group. Linear in the number of entries, no sort, no boxing.
    private void fill(List<HotlistEntry> literalList) {
        int[] slotOfEntry = new int[literalList.size()];
        for (int i = 0; i < slotOfEntry.length; i++) {
            long key = PlateKey.canonical(literalList.get(i).platePattern());
            int slot = home(key);
            while (keys[slot] != PlateKey.EMPTY && keys[slot] != key) {
                slot = (slot + 1) & mask;
            }
            keys[slot] = key;
            counts[slot]++;
            slotOfEntry[i] = slot;
        }
        int next = 0;
        for (int slot = 0; slot < keys.length; slot++) {
            firsts[slot] = next;
            next += counts[slot];
        }
        int[] placed = new int[keys.length];
        for (int i = 0; i < slotOfEntry.length; i++) {
            int slot = slotOfEntry[i];
            literals[firsts[slot] + placed[slot]++] = literalList.get(i);
        }
    }

    private static void rejectDuplicateIds(List<HotlistEntry> entries) {
        long[] ids = new long[entries.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = Objects.requireNonNull(entries.get(i), "entry").id();
        }
        Arrays.sort(ids);
        for (int i = 1; i < ids.length; i++) {
            if (ids[i] == ids[i - 1]) {
                throw new IllegalArgumentException("two hot-list entries share id " + ids[i]);
            }
        }
    }
}
