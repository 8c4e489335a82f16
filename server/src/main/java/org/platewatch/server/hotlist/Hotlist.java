package org.platewatch.server.hotlist;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Map;
import org.platewatch.server.policy.HotlistSource;

/**
 * A designated hot list as the API and the console show it.
 *
 * @param asOf      the date of the data in force: the file's extract date, else when it was imported; null before
 *                  the first successful import
 * @param loadedAt  when the list in force was imported
 * @param location  where the list is fetched from; administrators only, and then with credentials masked
 * @param lastError the reason the last download or import failed; null after a success
 */
public record Hotlist(
        long id,
        String code,
        String name,
        HotlistSource sourceKind,
        String format,
        @JsonInclude(JsonInclude.Include.NON_NULL) String location,
        Map<String, String> columnMapping,
        String designatedBy,
        Instant designatedAt,
        boolean active,
        Instant asOf,
        Instant loadedAt,
        String lastError,
        long entries) {

    /** As members see it: no location (it may hold credentials), secrets masked in the last error. */
    public Hotlist forMembers() {
        return new Hotlist(
                id,
                code,
                name,
                sourceKind,
                format,
                null,
                columnMapping,
                designatedBy,
                designatedAt,
                active,
                asOf,
                loadedAt,
                SecretMasking.mask(lastError),
                entries);
    }

    /** As administrators see it: the location with any password, user or query string masked. */
    public Hotlist forAdministrators() {
        return new Hotlist(
                id,
                code,
                name,
                sourceKind,
                format,
                SecretMasking.mask(location),
                columnMapping,
                designatedBy,
                designatedAt,
                active,
                asOf,
                loadedAt,
                SecretMasking.mask(lastError),
                entries);
    }

    boolean external() {
        return !HotlistFormat.CUSTOM.name().equals(format);
    }
}
