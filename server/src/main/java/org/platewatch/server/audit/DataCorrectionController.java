package org.platewatch.server.audit;

import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Correcting a detection (administrators) and listing corrections (administrators and auditors: the periodic audit
 * lists them too). The authorities come from {@code users.Permission}; this package sits below {@code users}.
 */
@RestController
class DataCorrectionController {

    static final String MAY_CORRECT = "hasAuthority('PERMISSION_CORRECT_DETECTIONS')";
    static final String MAY_LIST = "hasAnyAuthority('PERMISSION_CORRECT_DETECTIONS', 'PERMISSION_CONDUCT_AUDITS')";
    static final int MAX_LISTED = 1000;

    private final DataCorrections corrections;

    DataCorrectionController(DataCorrections corrections) {
        this.corrections = corrections;
    }

    @PostMapping("/api/v1/reads/{id}/corrections")
    @PreAuthorize(MAY_CORRECT)
    @ResponseStatus(HttpStatus.CREATED)
    DetectionCorrection correct(@PathVariable UUID id, @RequestBody(required = false) DataCorrections.Request body) {
        return corrections.correct(id, body);
    }

    /** The correction was reported to the profile's regional centre: it leaves the {@code toReport} list. */
    @PostMapping("/api/v1/corrections/{id}/reported")
    @PreAuthorize(MAY_CORRECT)
    DetectionCorrection reported(@PathVariable long id) {
        return corrections.markReported(id);
    }

    /** The latest corrections, oldest first; {@code toReport=true}: only those the regional centre must still get. */
    @GetMapping("/api/v1/corrections")
    @PreAuthorize(MAY_LIST)
    List<DetectionCorrection> list(@RequestParam(defaultValue = "false") boolean toReport) {
        return corrections.list(toReport, MAX_LISTED);
    }
}
