package org.platewatch.server.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.platewatch.server.retention.LegalHoldApiTest.refused;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.platewatch.server.EvidenceCliAccess;
import org.platewatch.server.ingest.DeviceRegistry;
import org.platewatch.server.reads.ImageStore;
import org.platewatch.server.retention.HoldFixtures.Caller;
import org.platewatch.server.support.Api;
import org.platewatch.server.support.MutableClock;
import org.platewatch.server.support.PlatewatchServerTest;
import org.platewatch.server.users.PersonalTokens;
import org.platewatch.server.users.Role;
import org.platewatch.server.users.UserAccounts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * An approved hold's evidence package: what it holds, who may take it, its audit record, and {@code evidence
 * verify} passing it and naming what changed after one byte of it is changed.
 */
@PlatewatchServerTest
class EvidencePackageApiTest {

    @LocalServerPort
    int port;

    @Autowired
    UserAccounts accounts;

    @Autowired
    PersonalTokens tokens;

    @Autowired
    DeviceRegistry devices;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    java.time.Clock clock;

    @Autowired
    ImageStore images;

    @Autowired
    @Qualifier("schemaOwnerDataSource")
    DataSource owner;

    @TempDir
    Path dir;

    Api api;
    HoldFixtures holds;
    Caller investigator;
    Caller supervisor;
    List<UUID> reads;
    String image;
    long hold;

    @BeforeEach
    void setUp() throws Exception {
        api = new Api(port);
        holds = new HoldFixtures(port, accounts, tokens);
        investigator = holds.member(Role.INVESTIGATOR);
        supervisor = holds.member(Role.SUPERVISOR);
        image = images.put(("jpeg " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8));
        reads = new RetentionFixtures(jdbc, (MutableClock) clock, owner)
                .insertReads(HoldFixtures.camera(devices), LocalDate.now(ZoneOffset.UTC), 3, image);
        // a plate a spreadsheet would run as a formula
        jdbc.sql("UPDATE detections SET plate = '=HYPERLINK(1)' WHERE read_id = ?")
                .param(reads.get(2))
                .update();
        hold = holds.placed(investigator, reads);
    }

    @Test
    void anApprovedHoldsPackageHoldsItsReadsImagesAndTrailAndVerifies() throws Exception {
        refused(asString(holds.evidence(investigator, hold)), 409, null); // not approved yet
        assertThat(holds.post(supervisor, "/api/v1/holds/" + hold + "/approve", "{}")
                        .status())
                .isEqualTo(200);
        refused(asString(holds.evidence(holds.member(Role.INVESTIGATOR), hold)), 403, null);
        refused(asString(holds.evidence(holds.member(Role.AUDITOR), hold)), 403, null);

        HttpResponse<byte[]> answer = holds.evidence(investigator, hold);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/zip");
        Map<String, byte[]> entries = HoldFixtures.entries(answer.body());
        assertThat(entries.keySet())
                .containsExactly(
                        "detections.csv",
                        "detections.json",
                        "audit-trail.json",
                        EvidencePackage.imagePath(image),
                        "manifest.json");
        String csv = new String(entries.get("detections.csv"), StandardCharsets.UTF_8);
        assertThat(csv).contains(reads.get(0).toString(), "7RET0", "'=HYPERLINK(1)", "images/" + image + ".jpg");
        assertThat(new String(entries.get("detections.json"), StandardCharsets.UTF_8))
                .contains("7RET1", "\"LIVE\"");
        assertThat(new String(entries.get("audit-trail.json"), StandardCharsets.UTF_8))
                .contains("hold.placed", "hold.approved", "hold:" + hold);
        JsonNode manifest = Api.parse(new String(entries.get("manifest.json"), StandardCharsets.UTF_8));
        assertThat(manifest.get("detections").asInt()).isEqualTo(3);
        assertThat(manifest.get("images").asInt()).isEqualTo(1);
        assertThat(manifest.get("signature").get("algorithm").asString()).isEqualTo("Ed25519");
        String packageSha = manifest.get("packageSha256").asString();
        assertThat(answer.headers().firstValue("X-Package-SHA256")).hasValue(packageSha);
        assertThat(jdbc.sql("SELECT terms || ' ' || case_number || ' ' || result_count FROM audit_events"
                                + " WHERE action = 'hold.evidence-exported' AND subject = ?")
                        .param("hold:" + hold)
                        .query(String.class)
                        .single())
                .contains("detections=3", "images=1", "packageSha256=" + packageSha, "24-000777", " 3");

        Path zip = write("evidence.zip", answer.body());
        Cli intact = cli("evidence", "verify", zip.toString());
        assertThat(intact.status()).as(intact.out()).isZero();
        assertThat(intact.out())
                .startsWith("OK evidence package of hold " + hold)
                .contains(packageSha);

        // the department's key, given: it holds; another key: a bad signature
        Path key = write(
                "department.pub",
                manifest.get("signature").get("publicKey").asString().getBytes(StandardCharsets.UTF_8));
        assertThat(cli("evidence", "verify", zip.toString(), "--public-key", key.toString())
                        .status())
                .isZero();
        KeyPairGenerator ed = KeyPairGenerator.getInstance("Ed25519");
        Path stranger = write(
                "stranger.pub",
                Base64.getEncoder().encode(ed.generateKeyPair().getPublic().getEncoded()));
        Cli wrongKey = cli("evidence", "verify", zip.toString(), "--public-key", stranger.toString());
        assertThat(wrongKey.status()).isEqualTo(1);
        assertThat(wrongKey.out()).contains("manifest.json: bad signature");
    }

    @Test
    void verifyNamesTheEntryThatChangedTheManifestThatChangedAndWhatIsMissingOrExtra() throws Exception {
        assertThat(holds.post(supervisor, "/api/v1/holds/" + hold + "/approve", "{}")
                        .status())
                .isEqualTo(200);
        Map<String, byte[]> entries =
                HoldFixtures.entries(holds.evidence(supervisor, hold).body());

        // one byte of the CSV
        Map<String, byte[]> csvChanged = new LinkedHashMap<>(entries);
        byte[] csv = entries.get("detections.csv").clone();
        csv[csv.length - 3] ^= 1;
        csvChanged.put("detections.csv", csv);
        Cli one = cli(
                "evidence",
                "verify",
                write("csv.zip", HoldFixtures.zip(csvChanged)).toString());
        assertThat(one.status()).isEqualTo(1);
        assertThat(one.out())
                .contains("detections.csv: changed")
                .doesNotContain("manifest.json")
                .contains("NOT INTACT");

        // one byte of the manifest: a digit of a file's hash
        Map<String, byte[]> manifestChanged = new LinkedHashMap<>(entries);
        String text = new String(entries.get("manifest.json"), StandardCharsets.UTF_8);
        int at = text.indexOf("\"sha256\" : \"") + 12;
        char flipped = text.charAt(at) == 'a' ? 'b' : 'a';
        manifestChanged.put(
                "manifest.json",
                (text.substring(0, at) + flipped + text.substring(at + 1)).getBytes(StandardCharsets.UTF_8));
        Cli two = cli(
                "evidence",
                "verify",
                write("manifest.zip", HoldFixtures.zip(manifestChanged)).toString());
        assertThat(two.status()).isEqualTo(1);
        assertThat(two.out()).contains("manifest.json: changed");

        // one byte of the manifest outside any value: still a change
        Map<String, byte[]> spaced = new LinkedHashMap<>(entries);
        spaced.put("manifest.json", text.replaceFirst("\n", "\r").getBytes(StandardCharsets.UTF_8));
        assertThat(cli(
                                "evidence",
                                "verify",
                                write("spaced.zip", HoldFixtures.zip(spaced)).toString())
                        .out())
                .contains("manifest.json: changed");

        // a raw byte of the ZIP file itself, inside the first entry's data
        byte[] raw = holds.evidence(supervisor, hold).body();
        raw[50] ^= 0x55; // past the 30-byte local header and the 14-byte name: the deflated data
        Cli rawChanged = cli("evidence", "verify", write("raw.zip", raw).toString());
        assertThat(rawChanged.status()).isEqualTo(1);
        assertThat(rawChanged.out()).contains("detections.csv");

        // an image missing, a hostile extra entry: named, and nothing is written anywhere
        Map<String, byte[]> tampered = new LinkedHashMap<>(entries);
        tampered.remove(EvidencePackage.imagePath(image));
        tampered.put("../../zip-slip-" + hold + ".txt", "x".getBytes(StandardCharsets.UTF_8));
        tampered.put("images/\u001b[2Jevil", "y".getBytes(StandardCharsets.UTF_8));
        Path tamperedZip = write("tampered.zip", HoldFixtures.zip(tampered));
        Cli three = cli("evidence", "verify", tamperedZip.toString());
        assertThat(three.status()).isEqualTo(1);
        assertThat(three.out())
                .contains(EvidencePackage.imagePath(image) + ": missing")
                .contains("../../zip-slip-" + hold + ".txt: extra")
                .contains("images/\\u001b[2Jevil: extra")
                .doesNotContain("\u001b");
        assertThat(dir.resolve("../../zip-slip-" + hold + ".txt").normalize()).doesNotExist();
        assertThat(Path.of("../../zip-slip-" + hold + ".txt")).doesNotExist();
        try (var listed = Files.list(dir)) {
            assertThat(listed.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("csv.zip", "manifest.zip", "spaced.zip", "raw.zip", "tampered.zip");
        }
    }

    @Test
    void badUsageAFileThatIsNotAZipAndAMissingFileAreOneLineErrors() throws Exception {
        Path notZip = write("notes.zip", "just text".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> cli("evidence", "verify", notZip.toString()))
                .isInstanceOf(org.platewatch.server.EvidenceCliAccess.Usage.class)
                .hasMessageContaining("not a ZIP file");
        assertThatThrownBy(
                        () -> cli("evidence", "verify", dir.resolve("none.zip").toString()))
                .hasMessageContaining("no such file");
        assertThatThrownBy(() -> cli("evidence", "verify")).hasMessageContaining("needs the package file");
        assertThatThrownBy(() -> cli("evidence", "check", "x.zip")).hasMessageContaining("evidence verify");
        assertThatThrownBy(() -> cli("evidence", "verify", notZip.toString(), "--key", "k"))
                .hasMessageContaining("unknown option --key");
        Path badKey = write("bad.pub", "not a key".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> cli("evidence", "verify", notZip.toString(), "--public-key", badKey.toString()))
                .hasMessageContaining("does not hold an Ed25519 public key");
        assertThat(cli("evidence", "--help").out()).contains("evidence verify FILE.zip [--public-key FILE]");
        Cli empty = cli(
                "evidence",
                "verify",
                write("empty.zip", HoldFixtures.zip(Map.of("a.txt", new byte[0])))
                        .toString());
        assertThat(empty.status()).isEqualTo(1);
        assertThat(empty.out()).contains("manifest.json: missing");
    }

    record Cli(int status, String out) {}

    private static Cli cli(String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int status = EvidenceCliAccess.run(List.of(args), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return new Cli(status, bytes.toString(StandardCharsets.UTF_8));
    }

    private Path write(String name, byte[] bytes) throws Exception {
        return Files.write(dir.resolve(name), bytes);
    }

    private static Api.Response asString(HttpResponse<byte[]> r) {
        return new Api.Response(
                r.statusCode(),
                r.headers().firstValue("Content-Type").orElse(""),
                new String(r.body(), StandardCharsets.UTF_8));
    }
}
