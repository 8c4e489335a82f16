package org.platewatch.server.policy;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Period;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads a whole department profile from a YAML file (the format is docs/profiles/README.md; docs/profiles/example.yml
 * is Vallejo's profile in it). Every field of {@link DepartmentProfile} must be there and nothing else; the records'
 * own checks refuse what the law forbids; {@link ProfileChecks} refuses what contradicts itself. Any refusal is a
 * {@link ProfileFileException} with one line that names the field.
 *
 * <p>The file is untrusted input: it is read only if it is at most {@link #MAX_BYTES}, with SnakeYAML's safe
 * constructor (plain maps, lists and scalars, never a Java type named in the file), no aliases of mappings or lists
 * (a "billion laughs" file expands through them), no duplicate keys, and a nesting depth a profile never needs.
 */
public final class ProfileYaml {

    /** A complete profile is about 4 KiB; anything past 64 KiB is not one. */
    static final int MAX_BYTES = 64 * 1024;

    private ProfileYaml() {}

    /** The profile in {@code file}; refused with {@link ProfileFileException}. */
    public static DepartmentProfile load(Path file) {
        try {
            return read(text(file));
        } catch (ProfileFileException e) {
            throw new ProfileFileException("profile file " + file + ": " + e.getMessage());
        }
    }

    private static String text(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                throw new ProfileFileException("no such file");
            }
            if (Files.size(file) > MAX_BYTES) {
                throw new ProfileFileException("larger than " + MAX_BYTES / 1024 + " KiB: not a profile");
            }
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ProfileFileException("not UTF-8 text");
        } catch (IOException e) {
            throw new ProfileFileException("cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** The profile in {@code yaml}, the text of a profile file. */
    static DepartmentProfile read(String yaml) {
        if (yaml.length() > MAX_BYTES) {
            throw new ProfileFileException("larger than " + MAX_BYTES / 1024 + " KiB: not a profile");
        }
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(0);
        options.setAllowRecursiveKeys(false);
        options.setAllowDuplicateKeys(false);
        options.setNestingDepthLimit(10);
        options.setCodePointLimit(MAX_BYTES);
        Object document;
        try {
            document = new Yaml(new SafeConstructor(options)).load(yaml);
        } catch (YAMLException e) {
            throw new ProfileFileException("not a valid profile file: " + oneLine(e));
        }
        YamlFields f = YamlFields.root(document);
        DepartmentProfile profile = f.build(() -> new DepartmentProfile(
                f.text("key"),
                f.text("departmentName"),
                f.text("policyNumber"),
                f.zone("zone"),
                f.text("administratorTitle"),
                retention(f.child("detectionRetention")),
                retention(f.child("hitRetention")),
                f.period("auditLogRetention"),
                audit(f.child("audit")),
                training(f.child("training")),
                f.duration("maxUploadInterval"),
                hotlists(f.child("hotlists")),
                search(f.child("search")),
                f.choice("alertVerification", AlertVerification.class),
                f.bool("stopOutcomeRequired"),
                sharing(f.child("sharing")),
                f.bool("secondFactorRequired"),
                f.text("designeeTitle"),
                f.children("externalCopies").stream().map(ProfileYaml::copy).toList()));
        ProfileChecks.refuseContradictions(profile);
        return profile;
    }

    private static String oneLine(YAMLException e) {
        if (e instanceof MarkedYAMLException m) {
            String where = m.getProblemMark() == null
                    ? ""
                    : " at line " + (m.getProblemMark().getLine() + 1) + ", column "
                            + (m.getProblemMark().getColumn() + 1);
            String problem = m.getProblem() == null ? m.getContext() : m.getProblem();
            return String.valueOf(problem).replaceAll("\\s+", " ").trim() + where;
        }
        return String.valueOf(e.getMessage()).replaceAll("\\s+", " ").trim();
    }

    private static Retention retention(YamlFields f) {
        RetentionBound bound = f.choice("bound", RetentionBound.class);
        Period period = bound == RetentionBound.INDEFINITE && !f.has("period") ? null : f.period("period");
        Optional<Period> chosen = f.has("chosen") ? Optional.of(f.period("chosen")) : Optional.empty();
        Retention retention = f.build(() -> new Retention(bound, period));
        return chosen.map(c -> narrowed(retention, c, f)).orElse(retention);
    }

    private static Retention narrowed(Retention retention, Period chosen, YamlFields f) {
        try {
            return retention.narrowedTo(chosen);
        } catch (IllegalArgumentException e) {
            throw new ProfileFileException(f.pathOf("chosen") + ": " + e.getMessage());
        }
    }

    private static AuditCadence audit(YamlFields f) {
        return f.build(() -> new AuditCadence(
                f.choice("basis", AuditBasis.class),
                f.period("interval"),
                f.period("initialInterval"),
                f.period("initialPhase"),
                f.integer("minimumSampleSize"),
                f.period("sampleLookBack"),
                f.text("auditorTitle"),
                f.bool("reportExplainsLongRetention"),
                f.choice("reportForm", AuditReportForm.class),
                f.textOrEmpty("errorsReportedTo")));
    }

    private static TrainingRules training(YamlFields f) {
        return f.build(() -> new TrainingRules(
                f.period("validity"), f.text("trainingOwnerTitle"), f.texts("authorizedClassifications")));
    }

    private static HotlistRules hotlists(YamlFields f) {
        return f.build(() -> new HotlistRules(
                f.choices("allowedSources", HotlistSource.class),
                f.duration("maxAge"),
                customEntries(f.child("customEntries"))));
    }

    private static CustomEntryRules customEntries(YamlFields f) {
        return f.build(() -> new CustomEntryRules(
                f.bool("caseNumberRequired"), f.bool("synopsisRequired"), f.bool("updateNeedsSupervisorApproval")));
    }

    private static SearchRules search(YamlFields f) {
        return f.build(() -> new SearchRules(
                f.bool("reasonRequired"),
                f.bool("caseNumberRequired"),
                java.util.Set.copyOf(f.texts("roles")),
                f.duration("maxWindowWithoutPlate"),
                f.integer("maxRadiusMetersWithoutPlate"),
                f.integer("minKnownPlateCharacters")));
    }

    private static SharingRules sharing(YamlFields f) {
        return f.build(() -> new SharingRules(
                f.choices("allowedRecipients", Recipient.class),
                f.bool("californiaPublicAgenciesOnly"),
                f.bool("writtenRequestRequired"),
                f.bool("approvalRequired"),
                f.text("approverTitle"),
                f.bool("requestRetainedOnFile"),
                f.bool("immigrationEnforcementForbidden"),
                f.bool("saleForbidden"),
                f.text("nonLawEnforcementRequestsTo"),
                f.bool("warrantRequired"),
                f.textOrEmpty("regionalCentre")));
    }

    private static ExternalCopy copy(YamlFields f) {
        return f.build(() ->
                new ExternalCopy(f.text("holder"), f.text("what"), retention(f.child("retention")), f.text("source")));
    }
}
