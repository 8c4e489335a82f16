package org.platewatch.server.ingest;

import java.util.ArrayList;
import java.util.List;
import org.platewatch.server.platform.ProblemException;
import org.platewatch.server.reads.DetectionSource;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Platewatch's own batch, {@code {"reads":[{readId, plate, state, confidence, capturedAt, latitude,
 * longitude, heading, vehicle}, …]}}, as the edge agent and integrations send it. The first bad
 * field refuses the whole batch, so a device never has half a batch stored and the other half lost.
 */
@Component
class PlatewatchJsonFormat implements ReadFormat<JsonNode> {

    private final IngestProperties limits;

    PlatewatchJsonFormat(IngestProperties limits) {
        this.limits = limits;
    }

    @Override
    public Adapted adapt(JsonNode body, Device device) {
        if (body == null || !body.isObject()) {
            throw ProblemException.invalid("reads", "the body must be a JSON object with a 'reads' array");
        }
        JsonNode reads = new JsonFields(body, "").array("reads");
        if (reads.isEmpty()) {
            throw ProblemException.invalid("reads", "must hold at least one read");
        }
        if (reads.size() > limits.maxBatch()) {
            throw ProblemException.invalid(
                    "reads",
                    "holds " + reads.size() + " reads; at most " + limits.maxBatch() + " are accepted per request");
        }
        List<ReportedRead> out = new ArrayList<>(reads.size());
        for (int i = 0; i < reads.size(); i++) {
            out.add(read(new JsonFields(reads.get(i), "reads[" + i + "]")));
        }
        return Adapted.of(out);
    }

    private static ReportedRead read(JsonFields read) {
        return new ReportedRead(
                read.uuid("readId"),
                read.string("plate"),
                read.stateCode("state"),
                read.number("confidence"),
                1,
                read.instant("capturedAt"),
                read.optionalNumber("latitude"),
                read.optionalNumber("longitude"),
                read.optionalNumber("heading"),
                read.vehicle("vehicle"),
                DetectionSource.DEVICE,
                ReportedRead.Fields.under(read.path()));
    }
}
