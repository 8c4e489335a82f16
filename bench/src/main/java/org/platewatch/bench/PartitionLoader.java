package org.platewatch.bench;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Loads one UTC day of detections the fast way: a standalone table shaped like {@code detections}, filled
 * with {@code COPY ... FREEZE} in the transaction that created it (no WAL-heavy hint-bit rewrites later),
 * given the parent's indexes (read from the catalogue, so it always matches the server's migrations), then
 * attached as the day's partition; PostgreSQL attaches the matching indexes instead of building them, and a
 * CHECK constraint equal to the partition bound spares it the validating scan.
 */
final class PartitionLoader {

    /**
     * The canonical plate indexes of the search contract (V35), built on each day when the parent does not
     * have them yet: when V35 then creates them on the parent it attaches these instead of building 50 M rows'
     * worth at the server's start.
     */
    private static final List<String[]> CONTRACT_INDEXES = List.of(
            new String[] {"detections_plate_canonical_idx", "(translate(plate, 'ODQILBSZG', '000118526'))"},
            new String[] {
                "detections_plate_canonical_trgm_idx",
                "USING gin (translate(plate, 'ODQILBSZG', '000118526') gin_trgm_ops)"
            });

    private static final Pattern INDEX_DEF =
            Pattern.compile("^CREATE (UNIQUE )?INDEX (\\S+) ON (?:ONLY )?(\\S+) (.*)$");

    private final Connection db;
    private final List<String> indexTails = new ArrayList<>();
    private final List<String[]> constraints = new ArrayList<>();

    PartitionLoader(Connection db) throws SQLException {
        this.db = db;
        readParentIndexes();
    }

    /** The index definitions each day gets, for the record (printed once). */
    List<String> describe() {
        List<String> all = new ArrayList<>();
        constraints.forEach(c -> all.add("constraint " + c[1]));
        all.addAll(indexTails);
        return all;
    }

    /**
     * Whether the day is loaded: attached and not empty (the server makes empty partitions for yesterday and
     * the week ahead at its start; {@link #load} replaces such a one).
     */
    boolean loaded(LocalDate day) throws SQLException {
        String table = partition(day);
        try (PreparedStatement ps = db.prepareStatement(
                "SELECT 1 FROM pg_inherits WHERE inhparent = 'detections'::regclass AND inhrelid = to_regclass(?)")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return false;
                }
            }
        }
        try (Statement s = db.createStatement();
                ResultSet rs = s.executeQuery("SELECT EXISTS (SELECT 1 FROM " + table + ")")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    /** Registers the data set's cameras as fixed devices (their tokens are random: they never upload). */
    void registerCameras(List<SearchDataSet.Camera> cameras) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement(
                "INSERT INTO devices (id, name, kind, location, heading_degrees, token_sha256, registered_at, registered_by)"
                        + " VALUES (?, ?, 'FIXED', point(?, ?), ?, sha256(convert_to(?, 'UTF8')), now(), 'search-bench')"
                        + " ON CONFLICT (id) DO NOTHING")) {
            for (SearchDataSet.Camera c : cameras) {
                ps.setObject(1, c.id());
                ps.setString(2, c.name());
                ps.setDouble(3, c.longitude());
                ps.setDouble(4, c.latitude());
                ps.setFloat(5, c.heading());
                ps.setString(6, UUID.randomUUID().toString());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * Creates, fills, indexes and attaches one day (in place of an empty partition the server made ahead); all
     * in one transaction, so a crash leaves no half day.
     */
    long load(SearchDataSet data, int dayIndex) throws SQLException {
        LocalDate day = data.day(dayIndex);
        String table = partition(day);
        String from = day.atStartOfDay(ZoneOffset.UTC).toInstant().toString();
        String to = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toString();
        boolean autoCommit = db.getAutoCommit();
        db.setAutoCommit(false);
        try (Statement s = db.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + table);
            s.execute("CREATE TABLE " + table + " (LIKE detections INCLUDING DEFAULTS INCLUDING CONSTRAINTS)");
            s.execute("ALTER TABLE " + table + " ADD CONSTRAINT " + table + "_bound CHECK (captured_at >= '" + from
                    + "' AND captured_at < '" + to + "')");
            long rows = copy(data, dayIndex, table);
            for (String[] c : constraints) {
                s.execute("ALTER TABLE " + table + " ADD CONSTRAINT " + table + c[0] + " " + c[1]);
            }
            for (String tail : indexTails) {
                s.execute(tail.replace("%TABLE%", table));
            }
            s.execute("ALTER TABLE detections ATTACH PARTITION " + table + " FOR VALUES FROM ('" + from + "') TO ('"
                    + to + "')");
            s.execute("ALTER TABLE " + table + " DROP CONSTRAINT " + table + "_bound");
            // COPY into the day table fires no trigger on detections: the plate's day counts (V54), as the
            // server's triggers keep them for every upload, into the month's partition of them (V66) where it has one.
            s.execute(
                    "DO $$ BEGIN IF EXISTS (SELECT 1 FROM pg_partitioned_table WHERE partrelid = 'plate_days'::regclass)"
                            + " THEN CREATE TABLE IF NOT EXISTS plate_days_p"
                            + day.toString().replace("-", "").substring(0, 6)
                            + " PARTITION OF plate_days FOR VALUES FROM ('" + day.withDayOfMonth(1) + "') TO ('"
                            + day.withDayOfMonth(1).plusMonths(1) + "');"
                            + " CREATE TABLE IF NOT EXISTS read_receipts_p"
                            + day.toString().replace("-", "")
                            + " PARTITION OF read_receipts FOR VALUES FROM ('" + from + "') TO ('" + to
                            + "'); END IF; END $$");
            s.execute("INSERT INTO plate_days (plate, state, day, reads) SELECT plate, coalesce(state, ''), '" + day
                    + "', count(*) FROM " + table + " GROUP BY 1, 2");
            db.commit();
            return rows;
        } catch (SQLException | RuntimeException e) {
            db.rollback();
            throw e;
        } finally {
            db.setAutoCommit(autoCommit);
        }
    }

    private long copy(SearchDataSet data, int dayIndex, String table) throws SQLException {
        CopyIn copy = db.unwrap(PGConnection.class)
                .getCopyAPI()
                .copyIn("COPY " + table + " (read_id, device_id, plate, state, confidence, captured_at, received_at,"
                        + " location, heading_degrees, vehicle_make, vehicle_model, vehicle_color, vehicle_type,"
                        + " image_sha256, source) FROM STDIN WITH (FREEZE)");
        CopyRows rows = new CopyRows(copy);
        try {
            data.generate(dayIndex, rows);
            rows.flush();
            return copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    /**
     * The parent's primary key (which a partition must have as a constraint, not a bare unique index, for
     * ATTACH to adopt it) and its other indexes, each rewritten for a day table.
     */
    private void readParentIndexes() throws SQLException {
        List<String> parentIndexDefs = new ArrayList<>();
        try (Statement s = db.createStatement();
                ResultSet rs = s.executeQuery("SELECT i.relname, pg_get_indexdef(i.oid), c.conname,"
                        + " pg_get_constraintdef(c.oid) FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid"
                        + " LEFT JOIN pg_constraint c ON c.conindid = i.oid AND c.conrelid = x.indrelid"
                        + " WHERE x.indrelid = 'detections'::regclass ORDER BY i.relname")) {
            while (rs.next()) {
                String suffix = rs.getString(1).replaceFirst("^detections", "");
                if (rs.getString(3) != null) {
                    constraints.add(new String[] {suffix, rs.getString(4)});
                    continue;
                }
                Matcher m = INDEX_DEF.matcher(rs.getString(2));
                if (!m.matches()) {
                    throw new IllegalStateException("unexpected index definition: " + rs.getString(2));
                }
                parentIndexDefs.add(rs.getString(2));
                indexTails.add("CREATE " + (m.group(1) == null ? "" : m.group(1)) + "INDEX %TABLE%" + suffix
                        + " ON %TABLE% " + m.group(4));
            }
        }
        for (String[] contract : CONTRACT_INDEXES) {
            boolean present = parentIndexDefs.stream()
                    .anyMatch(d -> d.contains("translate(plate")
                            && d.contains("gin_trgm_ops") == contract[1].contains("gin_trgm_ops"));
            if (!present) {
                indexTails.add("CREATE INDEX %TABLE%" + contract[0].replaceFirst("^detections", "") + " ON %TABLE% "
                        + contract[1]);
            }
        }
    }

    static String partition(LocalDate day) {
        return String.format(
                Locale.ROOT, "detections_p%04d%02d%02d", day.getYear(), day.getMonthValue(), day.getDayOfMonth());
    }

    /** Rows in COPY's text format, sent in 1 MB chunks as they are made (no file, no day held in memory). */
    private static final class CopyRows implements SearchDataSet.Sink {

        private final CopyIn copy;
        private final StringBuilder line = new StringBuilder(512);
        private final byte[] buffer = new byte[1 << 20];
        private int used;

        CopyRows(CopyIn copy) {
            this.copy = copy;
        }

        @Override
        public void read(
                UUID readId,
                UUID deviceId,
                String plate,
                String state,
                float confidence,
                long capturedAtMillis,
                SearchDataSet.Camera camera,
                Plates.Vehicle vehicle) {
            line.setLength(0);
            line.append(readId)
                    .append('\t')
                    .append(deviceId)
                    .append('\t')
                    .append(plate)
                    .append('\t');
            line.append(state == null ? "\\N" : state).append('\t');
            line.append(confidence).append('\t');
            Timestamps.append(line, capturedAtMillis).append('\t');
            Timestamps.append(line, capturedAtMillis + 1500 + (capturedAtMillis % 4000))
                    .append('\t');
            line.append('(')
                    .append(camera.longitude())
                    .append(',')
                    .append(camera.latitude())
                    .append(")\t");
            line.append(camera.heading()).append('\t');
            if (vehicle == null) {
                line.append("\\N\t\\N\t\\N\t\\N\t");
            } else {
                line.append(vehicle.make()).append('\t').append(vehicle.model()).append('\t');
                line.append(vehicle.color()).append('\t').append(vehicle.type()).append('\t');
            }
            line.append("\\N\tDEVICE\n");
            byte[] bytes = line.toString().getBytes(StandardCharsets.UTF_8);
            try {
                if (used + bytes.length > buffer.length) {
                    flush();
                }
                System.arraycopy(bytes, 0, buffer, used, bytes.length);
                used += bytes.length;
            } catch (SQLException e) {
                throw new IllegalStateException("COPY failed: " + e.getMessage(), e);
            }
        }

        void flush() throws SQLException {
            if (used > 0) {
                copy.writeToCopy(buffer, 0, used);
                used = 0;
            }
        }
    }
}
