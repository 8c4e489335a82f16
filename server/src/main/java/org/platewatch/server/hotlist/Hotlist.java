package org.platewatch.server.hotlist;

import java.time.Instant;
import java.util.Map;
import org.platewatch.server.policy.DepartmentProfile.HotlistSource;

/**
 * A designated hot list as the API and the console show it.
 *
 * @param asOf      the date of the data in force: the file's extract date, else when it was imported; null before
 *                  the first successful import
 * @param loadedAt  when the list in force was imported
 * @param lastError the reason the last download or import failed; null after a success
 */
public record Hotlist(long id, String code, String name, HotlistSource sourceKind, String format, String location,
        Map<String, String> columnMapping, String designatedBy, Instant designatedAt, boolean active, Instant asOf,
        Instant loadedAt, String lastError, long entries) {

    boolean external() {
        return !HotlistFormat.CUSTOM.name().equals(format);
    }
}
