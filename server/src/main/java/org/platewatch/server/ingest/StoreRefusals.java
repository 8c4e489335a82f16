package org.platewatch.server.ingest;

import java.time.ZoneOffset;
import java.util.List;
import org.platewatch.server.platform.ProblemException;
import org.platewatch.server.platform.ProblemType;
import org.platewatch.server.reads.RefusedBatch;
import org.springframework.http.HttpStatus;

/** Names the field of the upload at fault when the store step refuses a batch, as the other steps do. */
final class StoreRefusals {

    static final ProblemType TOO_MANY_CAPTURE_DAYS = new ProblemType(
            "too-many-capture-days",
            "The upload spans too many capture days not yet stored",
            HttpStatus.UNPROCESSABLE_ENTITY);

    private StoreRefusals() {}

    static ProblemException problem(RefusedBatch refused, List<ReportedRead> reads) {
        if (refused instanceof RefusedBatch.ReadIdOfAnotherDevice taken) {
            String field = reads.stream()
                    .filter(r -> r.readId().equals(taken.readId()))
                    .findFirst()
                    .map(r -> r.fields().readId())
                    .orElse("readId");
            return new ProblemException(
                    ProblemType.CONFLICT,
                    field,
                    field + ": another device has uploaded a read "
                            + "with this id; every device gives its reads ids of its own");
        }
        RefusedBatch.TooManyNewDays days = (RefusedBatch.TooManyNewDays) refused;
        String field = reads.stream()
                .filter(r ->
                        r.capturedAt().atOffset(ZoneOffset.UTC).toLocalDate().equals(days.day()))
                .findFirst()
                .map(r -> r.fields().capturedAt())
                .orElse("capturedAt");
        return new ProblemException(
                TOO_MANY_CAPTURE_DAYS,
                field,
                field + ": this upload holds reads of more than " + days.limit()
                        + " capture days the server has no reads of yet; send those days in separate uploads");
    }
}
