package org.platewatch.plate.hotlist;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.platewatch.plate.PlateText;
import org.platewatch.plate.UsState;
import org.platewatch.plate.VehicleDescription;

/**
 * An immutable index of the active hot-list entries that every read is matched against.
 *
 * <p>Built once from all entries and never changed, so the owner can publish a fresh one with a
 * single {@code AtomicReference.set} and readers on any thread need no lock.
 *
 * <p>Literal entries sit in an open-addressing table keyed by the {@link PlateKey} of their
 * confusable-folded text: one probe finds exact, wrong-state and confusable candidates alike,
 * and a read that hits nothing costs one pass over its characters and (usually) one array read,
 * without allocating. Partial entries are few and scanned ({@link PartialEntries}), and so are
 * vehicle-only entries ({@link VehicleEntries}), which only
 * {@link #match(String, UsState, VehicleDescription)} looks at.
 */
public final class HotlistIndex {

    private static final Comparator<HotlistMatch> STRONGEST_FIRST = Comparator.comparing(HotlistMatch::kind)
            .thenComparingLong(m -> m.entry().id());

    private static final HotlistIndex EMPTY = build(List.of());

    // Slot arrays of the table. A miss is decided on the 16-bit fingerprints alone: at 2 bytes a
    // slot they are a quarter of the size of the keys, so far more of them stay in cache and
    // TLB, which is what the no-hit path is bound by (measured: the long[] keys alone made a
    // 1 M-entry index three times slower than a 10 k one). fingerprints[slot] == 0: free slot.
    private final char[] fingerprints;
    private final long[] keys;
    // Slot s owns literals[firsts[s] .. firsts[s + 1]); empty slots own nothing.
    private final int[] firsts;
    private final int shift;
    private final int mask;
    // Literal entries grouped by key, in slot order.
    private final HotlistEntry[] literals;
    private final PartialEntries partials;
    private final VehicleEntries vehicles;
    private final int size;

    private HotlistIndex(
            List<HotlistEntry> literalList, List<HotlistEntry> partialList, List<HotlistEntry> vehicleList) {
        int capacity = Integer.highestOneBit(Math.max(16, literalList.size() * 2 - 1)) << 1;
        fingerprints = new char[capacity];
        keys = new long[capacity];
        firsts = new int[capacity + 1];
        shift = 64 - Integer.numberOfTrailingZeros(capacity);
        mask = capacity - 1;
        literals = new HotlistEntry[literalList.size()];
        partials = new PartialEntries(partialList);
        vehicles = new VehicleEntries(vehicleList);
        size = literalList.size() + partialList.size() + vehicleList.size();
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
        List<HotlistEntry> vehicleOnly = new ArrayList<>();
        for (HotlistEntry e : copy) {
            (e.isVehicleOnly() ? vehicleOnly : e.isPartial() ? partial : literal).add(e);
        }
        return new HotlistIndex(literal, partial, vehicleOnly);
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
     * Every plate entry this read matches, strongest first (see {@link MatchKind}); the shared
     * empty list when none does, which is by far the common case. Vehicle-only entries are not
     * looked at: use {@link #match(String, UsState, VehicleDescription)} for them.
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
        if (found.size() == 1) {
            return List.of(found.get(0));
        }
        found.sort(STRONGEST_FIRST);
        return List.copyOf(found);
    }

    /**
     * As {@link #match(String, UsState)}, plus a {@link MatchKind#VEHICLE} match for every
     * vehicle-only entry whose every attribute (make, model, colour) the read's description has
     * and equal, ignoring case and surrounding blanks. A read without a description matches none.
     *
     * @param vehicleOrNull what the camera saw of the vehicle, or null when nothing
     */
    public List<HotlistMatch> match(String plate, UsState stateOrNull, VehicleDescription vehicleOrNull) {
        List<HotlistMatch> byPlate = match(plate, stateOrNull);
        if (vehicles.isEmpty()) {
            return byPlate;
        }
        List<HotlistMatch> byVehicle = vehicles.matches(vehicleOrNull, stateOrNull);
        if (byVehicle == null) {
            return byPlate;
        }
        byVehicle.addAll(byPlate);
        byVehicle.sort(STRONGEST_FIRST);
        return List.copyOf(byVehicle);
    }

    private int find(long key) {
        long hash = key * 0x9E3779B97F4A7C15L;
        char fingerprint = fingerprint(key);
        int slot = home(hash);
        while (true) {
            char f = fingerprints[slot];
            if (f == fingerprint && keys[slot] == key) {
                return slot;
            }
            if (f == 0) {
                return -1;
            }
            slot = (slot + 1) & mask;
        }
    }

    // Fibonacci hashing: the packed keys of similar plates differ in low bits, so spread them;
    // the slot comes from the top bits of the product.
    private int home(long hash) {
        return (int) (hash >>> shift);
    }

    // From a second multiplier, so it is independent of the slot; never 0, which marks a free slot.
    private static char fingerprint(long key) {
        char f = (char) ((key * 0xC2B2AE3D27D4EB4FL) >>> 48);
        return f == 0 ? 1 : f;
    }

    private List<HotlistMatch> addLiteralMatches(int slot, String plate, UsState readState) {
        // The slot holds every entry whose text folds to the read's; equal text is the exact
        // family, anything else is confusable. So an entry is never reported both ways.
        List<HotlistMatch> found = new ArrayList<>(firsts[slot + 1] - firsts[slot]);
        for (int i = firsts[slot], end = firsts[slot + 1]; i < end; i++) {
            HotlistEntry e = literals[i];
            StateAgreement state = StateAgreement.of(e.state(), readState);
            found.add(
                    e.platePattern().equals(plate)
                            ? HotlistMatch.sameText(e, state)
                            : new HotlistMatch(e, MatchKind.CONFUSABLE, state));
        }
        return found;
    }

    // Counting placement: count entries per key, lay the groups out in slot order, then drop
    // each entry into its group. Linear in the number of entries, no sort, no boxing.
    private void fill(List<HotlistEntry> literalList) {
        int[] counts = new int[keys.length];
        int[] slotOfEntry = new int[literalList.size()];
        for (int i = 0; i < slotOfEntry.length; i++) {
            long key = PlateKey.canonical(literalList.get(i).platePattern());
            long hash = key * 0x9E3779B97F4A7C15L;
            int slot = home(hash);
            while (fingerprints[slot] != 0 && keys[slot] != key) {
                slot = (slot + 1) & mask;
            }
            fingerprints[slot] = fingerprint(key);
            keys[slot] = key;
            counts[slot]++;
            slotOfEntry[i] = slot;
        }
        for (int slot = 0; slot < keys.length; slot++) {
            firsts[slot + 1] = firsts[slot] + counts[slot];
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
