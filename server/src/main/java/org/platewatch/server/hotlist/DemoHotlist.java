package org.platewatch.server.hotlist;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.platewatch.plate.PlateText;
import org.platewatch.server.platform.Actor;
import org.platewatch.server.policy.DepartmentProfile;
import org.platewatch.server.policy.HotlistSource;
import org.springframework.stereotype.Component;

/**
 * The demo department's hot list: {@code serve --demo} calls {@link #load} with the plates its
 * simulated cameras will read, so alerts are raised soon after start. The plates go through the
 * same designation and CA DOJ import path as a real extract (header, fixed-width records, trailer),
 * so they are entries in force at once: imported lists need no approval.
 */
@Component
public class DemoHotlist {

    /** The list's code; {@code load} reuses the list when it exists. */
    public static final String CODE = "demo-svs";

    /** One plate to put on the demo list; {@code state} is a two-letter code. */
    public record Plate(String plate, String state) {}

    private final Hotlists hotlists;
    private final HotlistImports imports;
    private final DepartmentProfile profile;
    private final Clock clock;

    DemoHotlist(Hotlists hotlists, HotlistImports imports, DepartmentProfile profile, Clock clock) {
        this.imports = imports;
        this.hotlists = hotlists;
        this.profile = profile;
        this.clock = clock;
    }

    /**
     * Designates (once) the list "Demo BOLO / CA DOJ SVS sample" and imports these plates into it,
     * replacing what it held. Plates longer than the DOJ's 8 columns are left out.
     *
     * @return the import's counts
     */
    public ImportReport load(List<Plate> plates) {
        Hotlist list = hotlists.all().stream()
                .filter(h -> CODE.equals(h.code()))
                .findFirst()
                .orElseGet(() -> hotlists.designate(
                        new Hotlists.NewHotlist(
                                CODE,
                                "Demo BOLO / CA DOJ SVS sample",
                                profile.hotlists().allows(HotlistSource.CA_DOJ_SVS)
                                        ? HotlistSource.CA_DOJ_SVS
                                        : HotlistSource.DEPARTMENT_BOLO,
                                "CA_DOJ",
                                null,
                                Map.of()),
                        Actor.SYSTEM));
        return imports.importFile(list.id(), dojFile(plates), Actor.SYSTEM);
    }

    private byte[] dojFile(List<Plate> plates) {
        StringBuilder file = new StringBuilder();
        file.append("DATE")
                .append(LocalDateTime.now(clock.withZone(profile.zone()))
                        .format(DateTimeFormatter.ofPattern("MM/dd/yyyy HH:mm")))
                .append('\n');
        String lossDate =
                LocalDate.now(clock.withZone(profile.zone())).minusDays(1).format(DateTimeFormatter.BASIC_ISO_DATE);
        int count = 0;
        for (Plate p : plates) {
            String plate = PlateText.normalise(p.plate());
            if (plate.isEmpty()
                    || plate.length() > 8
                    || p.state() == null
                    || p.state().length() != 2) {
                continue;
            }
            file.append(String.format("%-8s%s01%s%n", plate, p.state().toUpperCase(java.util.Locale.ROOT), lossDate));
            count++;
        }
        file.append("TOTAL RECORDS ").append(String.format("%06d", count)).append('\n');
        return file.toString().getBytes(StandardCharsets.ISO_8859_1);
    }
}
