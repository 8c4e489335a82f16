package org.platewatch.recognition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End to end with the real models on real photos from {@code ../shared/datasets/plates}. */
class RecognizerTest {

    private static Recognizer recognizer;

    @BeforeAll
    static void load() {
        recognizer = new Recognizer();
    }

    @AfterAll
    static void close() {
        recognizer.close();
    }

    static Path dataset(String folder) {
        Path root = Path.of(System.getProperty("platewatch.root", ".."));
        Path plates = root.resolve("../shared/datasets/plates").normalize();
        if (!Files.isDirectory(plates)) {
            plates = root.resolve("../../shared/datasets/plates").normalize(); // run from the module directory
        }
        return plates.resolve(folder);
    }

    @Test
    void readsAKnownPhotoAsItsLabel() throws IOException {
        Path photo = dataset("us").resolve("car6.jpg");
        String label =
                Files.readString(dataset("us").resolve("car6.txt")).trim().split("\t")[5];

        List<PlateCandidate> candidates = recognizer.recognize(photo);

        assertThat(candidates).isNotEmpty();
        PlateCandidate best = candidates.get(0);
        assertThat(best.plate()).isEqualTo(label);
        assertThat(best.confidence()).isBetween(0.5, 1.0);
        assertThat(best.characterConfidences()).hasSize(label.length());
        String[] f = Files.readString(dataset("us").resolve("car6.txt")).trim().split("\t");
        int lx = Integer.parseInt(f[1]),
                ly = Integer.parseInt(f[2]),
                lw = Integer.parseInt(f[3]),
                lh = Integer.parseInt(f[4]);
        int cx = best.box().x() + best.box().width() / 2,
                cy = best.box().y() + best.box().height() / 2;
        assertThat(cx).isBetween(lx, lx + lw);
        assertThat(cy).isBetween(ly, ly + lh);
    }

    @Test
    void readsTheIssuingStateFromThePlate() {
        List<PlateCandidate> candidates = recognizer.recognize(dataset("us").resolve("us8.jpg"));
        assertThat(candidates.get(0).plate()).isEqualTo("EAZ6913");
        assertThat(candidates.get(0).region()).isEqualTo("us-ny");

        // "Arkansas" in red script above the serial reads as "Akansas": it was once taken for Kansas.
        List<PlateCandidate> arkansas = recognizer.recognize(dataset("us").resolve("us4.jpg"));
        assertThat(arkansas.get(0).plate()).isEqualTo("520MRK");
        assertThat(arkansas.get(0).region()).isEqualTo("us-ar");
    }

    @Test
    void candidatesAreRankedBestFirst() {
        List<PlateCandidate> candidates = recognizer.recognize(dataset("us").resolve("car9-4.jpg"));
        assertThat(candidates)
                .extracting(PlateCandidate::confidence)
                .isSortedAccordingTo((a, b) -> Double.compare(b, a));
    }

    @Test
    void aProfiledReadingCountsItsStagesAndModelCallsAndReadsTheSame() throws IOException {
        Path photo = dataset("us").resolve("car6.jpg");
        StageProfile profile = new StageProfile();

        List<PlateCandidate> profiled = recognizer.recognize(Recognizer.decode(photo), profile.newPhoto());

        assertThat(profiled).isEqualTo(recognizer.recognize(photo));
        List<String> report = profile.report();
        assertThat(report).anyMatch(l -> l.contains("scene detection: v3 det model"));
        // one scene detection, one close-up detection per close-up, a read per glance and crop
        assertThat(report).anyMatch(l -> l.startsWith("model calls per photo") && l.contains("scene_detector 1.00"));
        assertThat(report.stream()
                        .filter(l -> l.contains("scene detection: v3 det model"))
                        .findFirst()
                        .orElseThrow())
                .doesNotContain(" 0.0 ");
    }

    @Test
    void aCoarseLookKeepsASureAnswerAndReadsAnUnsurePhotoAgainAtFullSize() throws IOException {
        Settings d = Settings.defaults();
        Settings coarse = d.with(c -> {
            c.coarseMaxSide = 640;
            c.coarseAccept = 0.9;
        });
        // wts-lg-000025 (1280 x 720) reads surely at 640 px; wts-lg-000062 shows only a sign to the
        // fast detector, at any size
        try (Recognizer withCoarseLook = new Recognizer(coarse)) {
            StageProfile profile = new StageProfile();
            Path sure = dataset("us").resolve("wts-lg-000025.jpg");
            assertThat(withCoarseLook
                            .recognize(Recognizer.decode(sure), profile.newPhoto())
                            .get(0)
                            .plate())
                    .isEqualTo(recognizer.recognize(sure).get(0).plate());
            Path unsure = dataset("us").resolve("wts-lg-000062.jpg");
            assertThat(withCoarseLook
                            .recognize(Recognizer.decode(unsure), profile.newPhoto())
                            .get(0)
                            .plate())
                    .isEqualTo("GT679A");
            assertThat(profile.report())
                    .contains("coarse look: taken on 2 photos, answer kept on 1, read again at full size on 1");
        }
    }

    @Test
    void stoppingTheGlancesOnceSettledChoosesTheSamePlateWithFewerReads() {
        // Busy scenes (several cars, signs) and a second-look photo: the chosen plate and its
        // state must be those of glancing at every box.
        List<String> photos = List.of("car6.jpg", "car9-4.jpg", "us8.jpg", "wts-lg-000062.jpg", "wts-lg-000148.jpg");
        StageProfile stopped = new StageProfile();
        StageProfile all = new StageProfile();
        try (Recognizer everyBox = new Recognizer(Settings.defaults().withGlanceEarlyStop(false))) {
            for (String name : photos) {
                BufferedImage photo = Recognizer.decode(dataset("us").resolve(name));
                PlateCandidate chosen =
                        recognizer.recognize(photo, stopped.newPhoto()).get(0);
                PlateCandidate chosenAfterAll =
                        everyBox.recognize(photo, all.newPhoto()).get(0);
                assertThat(chosen.plate()).as(name).isEqualTo(chosenAfterAll.plate());
                assertThat(chosen.region()).as(name).isEqualTo(chosenAfterAll.region());
            }
        }
        assertThat(readerCalls(stopped)).isLessThan(readerCalls(all));
    }

    /** The reader's calls per photo from the profile's report. */
    private static double readerCalls(StageProfile profile) {
        String line = profile.report().stream()
                .filter(l -> l.startsWith("model calls per photo"))
                .findFirst()
                .orElseThrow();
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile(" reader ([0-9.]+)").matcher(line);
        assertThat(m.find()).as(line).isTrue();
        return Double.parseDouble(m.group(1));
    }

    @Test
    void aSceneWhereTheFastDetectorFindsNoPlateGetsASecondLook() {
        // The fast v3 detector finds only the "PRIVATE PROPERTY" sign in this photo; v4 finds the plate.
        Path photo = dataset("us").resolve("wts-lg-000062.jpg");
        Settings d = Settings.defaults();
        Settings firstLookOnly = d.with(c -> c.secondLookBelow = 0);
        try (Recognizer fastOnly = new Recognizer(firstLookOnly)) {
            assertThat(fastOnly.recognize(photo))
                    .extracting(PlateCandidate::plate)
                    .doesNotContain("GT679A");
        }
        assertThat(recognizer.recognize(photo).get(0).plate()).isEqualTo("GT679A");
    }

    @Test
    void theSecondLookEnlargesAPhotoSmallerThanTheWorkingSize() {
        // A 904 x 768 photo of a truck covered in lettering: at its own size neither detector
        // finds the plate; enlarged towards 1120 px, the second look does.
        Path photo = dataset("us").resolve("car3.jpg");
        Settings d = Settings.defaults();
        Settings ownSizeOnly = d.with(c -> c.secondLookUpscale = 1.0);
        try (Recognizer atOwnSize = new Recognizer(ownSizeOnly)) {
            assertThat(atOwnSize.recognize(photo))
                    .extracting(PlateCandidate::plate)
                    .doesNotContain("1AMW240");
        }
        assertThat(recognizer.recognize(photo).get(0).plate()).isEqualTo("1AMW240");
    }

    @Test
    void lettersTheReaderIsSureOfAreSettledByThePlatesLayout() {
        // Missouri AB1-C2D: every crop reads MJ3RIV, sure of the I (0.87-0.88); the layout needs a 1.
        assertThat(recognizer
                        .recognize(dataset("us").resolve("wts-lg-000091.jpg"))
                        .get(0)
                        .plate())
                .isEqualTo("MJ3R1V");
        // California 1ABC234 whose open-topped 4 every crop reads as an L (0.66-0.89, the 4 at 0.02).
        assertThat(recognizer
                        .recognize(dataset("us").resolve("wts-lg-000076.jpg"))
                        .get(0)
                        .plate())
                .isEqualTo("4GLS168");
    }

    @Test
    void aPlateWhoseBoltReadsAsAColonIsStillAPlateAndItsBoxIsTheCharacterLine() {
        // The quick read of this blurred plate is "A04:1237": a colon between digits, but no clock
        // time. And close up the detector finds only a 13 x 9 px bolt inside the plate.
        Path photo = dataset("us").resolve("wts-lg-000023.jpg");

        PlateCandidate best = recognizer.recognize(photo).get(0);

        assertThat(best.plate()).startsWith("A").hasSize(7);
        // the reported box is the plate's character line (labelled plate: 880,151 91x45), not the bolt
        assertThat(best.box().width()).isGreaterThan(60);
        assertThat(best.box().x() + best.box().width() / 2).isBetween(880, 880 + 91);
        assertThat(best.box().y() + best.box().height() / 2).isBetween(151, 151 + 45);
    }

    @Test
    void anImageWithoutAPlateGivesNoCandidate() {
        BufferedImage blank = new BufferedImage(640, 480, BufferedImage.TYPE_3BYTE_BGR);
        assertThat(recognizer.recognize(blank)).isEmpty();

        BufferedImage gradient = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = gradient.createGraphics();
        g.setPaint(new GradientPaint(0, 0, Color.DARK_GRAY, 640, 480, Color.LIGHT_GRAY));
        g.fillRect(0, 0, 640, 480);
        g.dispose();
        assertThat(recognizer.recognize(gradient)).isEmpty();
    }

    @Test
    void aCorruptFileIsAClearError(@TempDir Path dir) throws IOException {
        Path notAnImage = dir.resolve("plate.jpg");
        Files.writeString(notAnImage, "this is not a JPEG", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> recognizer.recognize(notAnImage))
                .isInstanceOf(UnreadableImageException.class)
                .hasMessageContaining("not an image");
        assertThatThrownBy(() -> recognizer.recognize(new byte[] {(byte) 0xFF, (byte) 0xD8, 1, 2, 3}))
                .isInstanceOf(UnreadableImageException.class);
        assertThatThrownBy(() -> recognizer.recognize(dir.resolve("missing.jpg")))
                .isInstanceOf(UnreadableImageException.class)
                .hasMessageContaining("missing.jpg");
    }
}
