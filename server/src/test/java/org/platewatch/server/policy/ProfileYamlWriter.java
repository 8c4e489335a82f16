package org.platewatch.server.policy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Writes a profile in the profile-file format, for the test that every shipped profile survives the round trip
 * (so the format has every field) and to regenerate docs/profiles/example.yml.
 */
final class ProfileYamlWriter {

    private ProfileYamlWriter() {}

    static String write(DepartmentProfile p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", p.key());
        m.put("departmentName", p.departmentName());
        m.put("policyNumber", p.policyNumber());
        m.put("zone", p.zone().getId());
        m.put("administratorTitle", p.administratorTitle());
        m.put("designeeTitle", p.designeeTitle());
        m.put("detectionRetention", retention(p.detectionRetention()));
        m.put("hitRetention", retention(p.hitRetention()));
        m.put("auditLogRetention", p.auditLogRetention().toString());
        AuditCadence a = p.audit();
        m.put(
                "audit",
                map(
                        "basis", a.basis().name(),
                        "interval", a.interval().toString(),
                        "initialInterval", a.initialInterval().toString(),
                        "initialPhase", a.initialPhase().toString(),
                        "minimumSampleSize", a.minimumSampleSize(),
                        "sampleLookBack", a.sampleLookBack().toString(),
                        "auditorTitle", a.auditorTitle(),
                        "reportExplainsLongRetention", a.reportExplainsLongRetention(),
                        "reportForm", a.reportForm().name(),
                        "errorsReportedTo", a.errorsReportedTo()));
        TrainingRules t = p.training();
        m.put(
                "training",
                map(
                        "validity", t.validity().toString(),
                        "trainingOwnerTitle", t.trainingOwnerTitle(),
                        "authorizedClassifications", t.authorizedClassifications()));
        m.put("maxUploadInterval", p.maxUploadInterval().toString());
        HotlistRules h = p.hotlists();
        CustomEntryRules c = h.customEntries();
        m.put(
                "hotlists",
                map(
                        "allowedSources", names(h.allowedSources()),
                        "maxAge", h.maxAge().toString(),
                        "customEntries",
                                map(
                                        "caseNumberRequired", c.caseNumberRequired(),
                                        "synopsisRequired", c.synopsisRequired(),
                                        "updateNeedsSupervisorApproval", c.updateNeedsSupervisorApproval())));
        SearchRules s = p.search();
        m.put(
                "search",
                map(
                        "reasonRequired", s.reasonRequired(),
                        "caseNumberRequired", s.caseNumberRequired(),
                        "roles", s.roles().stream().sorted().toList(),
                        "maxWindowWithoutPlate", s.maxWindowWithoutPlate().toString(),
                        "maxRadiusMetersWithoutPlate", s.maxRadiusMetersWithoutPlate(),
                        "minKnownPlateCharacters", s.minKnownPlateCharacters()));
        m.put("alertVerification", p.alertVerification().name());
        m.put("stopOutcomeRequired", p.stopOutcomeRequired());
        SharingRules r = p.sharing();
        m.put(
                "sharing",
                map(
                        "allowedRecipients", names(r.allowedRecipients()),
                        "californiaPublicAgenciesOnly", r.californiaPublicAgenciesOnly(),
                        "writtenRequestRequired", r.writtenRequestRequired(),
                        "approvalRequired", r.approvalRequired(),
                        "approverTitle", r.approverTitle(),
                        "requestRetainedOnFile", r.requestRetainedOnFile(),
                        "immigrationEnforcementForbidden", r.immigrationEnforcementForbidden(),
                        "saleForbidden", r.saleForbidden(),
                        "nonLawEnforcementRequestsTo", r.nonLawEnforcementRequestsTo(),
                        "warrantRequired", r.warrantRequired(),
                        "regionalCentre", r.regionalCentre()));
        m.put("secondFactorRequired", p.secondFactorRequired());
        m.put(
                "externalCopies",
                p.externalCopies().stream()
                        .map(x -> map(
                                "holder", x.holder(),
                                "what", x.what(),
                                "retention", retention(x.retention()),
                                "source", x.source()))
                        .toList());
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndicatorIndent(2);
        options.setIndentWithIndicator(true);
        options.setWidth(120);
        return new Yaml(options).dump(m);
    }

    private static Map<String, Object> retention(Retention r) {
        return r.period() == null
                ? map("bound", r.bound().name())
                : map("bound", r.bound().name(), "period", r.period().toString());
    }

    private static List<String> names(Set<? extends Enum<?>> values) {
        return values.stream().map(Enum::name).toList();
    }

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }
}
