package org.platewatch.recognition;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import javax.imageio.ImageIO;
import org.platewatch.plate.PlateText;
import org.platewatch.plate.VehicleDescription;

/**
 * Reads licence plates from photos: whole-scene text detection, plate-like boxes ranked and
 * read close up, several crops voting, then plate-syntax rules.
 *
 * <p>Loads its models once; safe to share between threads. Close it to free the native sessions.
 */
public final class Recognizer implements AutoCloseable {

    private final Settings settings;
    private final OcrModels models;
    private final TextDetector detector;
    private final TextDetector secondLookDetector;
    private final PlateLocaliser localiser;
    private final TextLineReader lineReader;
    private final CandidateReader candidateReader;
    private final VehicleColourEstimator colours = new VehicleColourEstimator();
    /**
     * Reads of different boxes are independent small inferences; on two cores running them two
     * at a time nearly halves that part of the time. Daemon threads, so a forgotten close() does
     * not keep the JVM alive.
     */
    private final ExecutorService workers;

    public Recognizer() {
        this(Settings.defaults());
    }

    Recognizer(Settings settings) {
        this.settings = settings;
        // The head is read first: a broken file then fails before any native session is open.
        Optional<PlateHead> head = PlateHead.chosen(settings);
        this.models = new OcrModels(settings.sceneThreads(), settings.smallThreads(), settings.detectorPrecision());
        this.detector = new TextDetector(models, models.sceneDetector);
        this.secondLookDetector = new TextDetector(models, models.secondLookDetector);
        this.localiser = new PlateLocaliser();
        this.lineReader = new TextLineReader(models, head);
        this.candidateReader = new CandidateReader(new TextDetector(models, models.lineDetector), lineReader, settings);
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(settings.workers(), r -> {
            Thread t = new Thread(r, "plate-reader-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Plate candidates in the image, best first; empty when no plate is readable. */
    public List<PlateCandidate> recognize(BufferedImage image) {
        return recognize(image, StageProfile.Photo.unrecorded());
    }

    /** As {@link #recognize(BufferedImage)}, with each stage's time and model calls added to {@code profile}. */
    public List<PlateCandidate> recognize(BufferedImage image, StageProfile.Photo profile) {
        long t = System.nanoTime();
        RgbImage img = RgbImage.of(image);
        profile.lap(StageProfile.Stage.PIXELS, t);
        List<PlateCandidate> out = null;
        if (settings.coarseMaxSide() > 0 && Math.max(img.width, img.height) > settings.coarseMaxSide()) {
            // A coarse look first (off by default): the whole-scene detection is most of a photo's
            // time and falls with the square of its size. Half of us/ is read as surely at 640 px
            // as at 1120; a photo read less surely is read again at full size, as if this look had
            // not been. Measured: one plate fewer on us/ (another car's plate read surely at 640),
            // 1.38-1.48x OpenALPR's time instead of 1.66 (docs/recognition.md, "The coarse look").
            List<CandidateReader.Glance> coarseGlances =
                    glances(img, detectScene(img, detector, 1.0, settings.coarseMaxSide(), profile), profile);
            List<PlateCandidate> coarse = closeUps(img, coarseGlances, profile);
            profile.calls(StageProfile.Model.SCENE_DETECTOR, 1);
            boolean sure = keepsCoarseAnswer(coarse, coarseGlances, settings);
            profile.coarseLook(sure);
            if (sure) {
                out = coarse;
            }
        }
        if (out == null) {
            out = closeUps(img, glances(img, profile), profile);
        }
        if (!out.isEmpty()) {
            t = System.nanoTime();
            // Only the best candidate pays for reading the state: it is the one acted upon.
            PlateCandidate top = out.get(0);
            // The two bands are read at once, on the two workers: the photo's answer waits for both.
            List<String> bandTexts =
                    inParallel(CandidateReader.stateBands(top.box()), band -> candidateReader.readBand(img, band));
            String region = StateFinder.find(bandTexts)
                    .map(s -> PlateText.regionCode(s.name()))
                    .orElse(null);
            out.set(
                    0,
                    new PlateCandidate(top.plate(), top.confidence(), region, top.box(), top.characterConfidences()));
            profile.calls(StageProfile.Model.READER, 2);
            profile.crops(2);
            profile.lap(StageProfile.Stage.STATE, t);
        }
        return List.copyOf(out);
    }

    /** The best glances read close up and ranked: the candidates, best first, their state not yet read. */
    private List<PlateCandidate> closeUps(
            RgbImage img, List<CandidateReader.Glance> glances, StageProfile.Photo profile) {
        long t = System.nanoTime();
        List<PlateCandidate> read = new ArrayList<>();
        List<CandidateReader.Glance> best =
                glances.subList(0, Math.min(closeUpCount(glances, settings), glances.size()));
        double bestPlacement = best.stream()
                .mapToDouble(CandidateReader.Glance::placement)
                .max()
                .orElse(1);
        List<Optional<PlateCandidate>> closeUps = inParallel(best, g -> candidateReader.closeUp(img, g));
        profile.calls(StageProfile.Model.LINE_DETECTOR, best.size());
        profile.calls(StageProfile.Model.READER, best.size() * CandidateReader.VARIANTS.length);
        profile.crops(best.size() * CandidateReader.VARIANTS.length);
        t = profile.lap(StageProfile.Stage.CLOSE_UPS, t);
        for (int i = 0; i < best.size(); i++) {
            // A box placed less like a plate than the best one (smaller, fainter, in the time-stamp
            // strip) is trusted less even when its text reads well: another car's plate far
            // behind, a sign.
            double placement = Math.sqrt(best.get(i).placement() / bestPlacement);
            closeUps.get(i)
                    .ifPresent(c -> addUnlessDuplicate(
                            read,
                            new PlateCandidate(
                                    c.plate(),
                                    c.confidence() * placement,
                                    c.region(),
                                    c.box(),
                                    c.characterConfidences())));
        }
        List<PlateCandidate> out = new ArrayList<>(SamePlateRule.apply(read));
        out.sort(Comparator.comparingDouble(PlateCandidate::confidence).reversed());
        profile.lap(StageProfile.Stage.POST, t);
        return out;
    }

    /** The plate-like boxes of the scene after one quick read each, most plate-like first. */
    List<CandidateReader.Glance> glances(RgbImage img) {
        return glances(img, StageProfile.Photo.unrecorded());
    }

    private List<CandidateReader.Glance> glances(RgbImage img, StageProfile.Photo profile) {
        List<CandidateReader.Glance> glances =
                glances(img, detectScene(img, detector, 1.0, settings.detMaxSide(), profile), profile);
        profile.calls(StageProfile.Model.SCENE_DETECTOR, 1);
        boolean nothingPlateLike = glances.isEmpty() || glances.get(0).score() < settings.secondLookBelow();
        if (nothingPlateLike && settings.secondLookBelow() > 0) {
            long t = System.nanoTime();
            // A second, slower look: v4 finds plates that v3 misses (dirty, low-contrast, framed).
            // A photo smaller than the working size is enlarged towards it: a plate that is small
            // text in a small photo is found enlarged (a truck's plate among its livery's lettering
            // was found by both detectors at 1120 px and by neither at the photo's own 904).
            StageProfile.Photo inner = StageProfile.Photo.unrecorded();
            List<CandidateReader.Glance> more = new ArrayList<>(glances);
            more.addAll(glances(
                    img,
                    detectScene(img, secondLookDetector, settings.secondLookUpscale(), settings.detMaxSide(), inner),
                    inner));
            more.sort(Comparator.comparingDouble(CandidateReader.Glance::score).reversed());
            profile.calls(StageProfile.Model.SECOND_LOOK_DETECTOR, 1);
            profile.absorbCalls(inner);
            profile.lap(StageProfile.Stage.SECOND_LOOK, t);
            return more;
        }
        return glances;
    }

    private List<CandidateReader.Glance> glances(RgbImage img, List<TextBox> detected, StageProfile.Photo profile) {
        long t = System.nanoTime();
        List<TextBox> scene = TextLines.withJoinedLines(detected);
        List<PlateLocaliser.Scored> ranked = localiser.rank(img, scene, settings.triaged());
        t = profile.lap(StageProfile.Stage.LOCALISE, t);
        List<CandidateReader.Glance> glances = new ArrayList<>();
        List<CandidateReader.Glance> read = new ArrayList<>(ranked.size());
        // Glanced a round at a time, most plate-like box first (as many as there are workers).
        int round = settings.glanceEarlyStop() ? Math.max(1, settings.workers()) : ranked.size();
        int next = 0;
        while (next < ranked.size()) {
            int end = Math.min(ranked.size(), next + round);
            read.addAll(inParallel(ranked.subList(next, end), box -> candidateReader.glance(img, box)));
            next = end;
            if (settings.glanceEarlyStop()
                    && next < ranked.size()
                    && noneLeftCouldCloseUp(read, ranked.get(next).score())) {
                break;
            }
        }
        profile.calls(StageProfile.Model.READER, read.size());
        profile.crops(read.size());
        profile.lap(StageProfile.Stage.GLANCES, t);
        for (CandidateReader.Glance g : read) {
            if (g.score() > 0) {
                glances.add(g);
            }
        }
        glances.sort(Comparator.comparingDouble(CandidateReader.Glance::score).reversed());
        return glances;
    }

    /**
     * True when the boxes not yet glanced at cannot change which glance is read close up first. A
     * glance scores its box's placement times the read's plausibility and mean confidence, both
     * at most 1, so no box scores above its placement; the boxes come most plate-like first, so
     * once {@code closeUps} glances score at least the next box's placement, none of the rest can
     * displace them (a tie keeps the box read first, as the stable sort of all glances would).
     * The same close-ups, the same second-look decision (the best glance is the same): the same
     * answer, for fewer reads.
     */
    private boolean noneLeftCouldCloseUp(List<CandidateReader.Glance> read, double nextPlacement) {
        // The margin covers a sum of float probabilities a hair above 1.
        double bound = nextPlacement * (1 + 1e-6);
        if (read.stream().filter(g -> g.score() >= bound).count() >= Math.max(1, settings.closeUps())) {
            return true;
        }
        // That alone almost never stops (us/: 9.68 -> 9.60 reads a photo): the second close-up is
        // mostly a sign or a sticker scoring low. So also stop once the best glance so far is a
        // sure plate (it fits a layout and reads at least SURE_GLANCE confident) that no box left
        // could outscore: the answer is then that plate's close-up unless a box not read would have
        // been the second close-up and read better still.
        return read.stream().anyMatch(g -> g.score() >= bound && g.score() >= SURE_GLANCE * g.placement());
    }

    /** A glance's plausibility times mean confidence at least this is a sure plate (chosen a priori, as coarseAccept). */
    private static final double SURE_GLANCE = 0.9;

    /** True when the glance's read fits a plate layout and is sure of it: plausibility times mean confidence at least {@link #SURE_GLANCE}. */
    static boolean isSurePlate(CandidateReader.Glance g) {
        return g.score() >= SURE_GLANCE * g.placement();
    }

    /**
     * How many of the best glances are read close up: {@code closeUps}, but only
     * {@code closeUpsWhenSure} when the best glance is a sure plate and the next one is not (a
     * second sure plate, another car's, keeps its close-up).
     */
    static int closeUpCount(List<CandidateReader.Glance> glances, Settings settings) {
        boolean onlyOneSure = !glances.isEmpty()
                && isSurePlate(glances.get(0))
                && (glances.size() < 2 || !isSurePlate(glances.get(1)));
        return onlyOneSure ? Math.min(settings.closeUps(), settings.closeUpsWhenSure()) : settings.closeUps();
    }

    /**
     * Whether the coarse look's answer is the photo's: its best candidate is at least
     * {@code coarseAccept} sure, and the best box of the coarse look is placed at least
     * {@code coarsePlacement} like a plate. A sure read in a box placed like a sticker or a far
     * car's plate at the photo's edge (us/ wts-lg-000148: the far car's plate in the top strip
     * read at 0.99, placement 0.2, while the near car's plate, placement 0.96, shows only at full
     * size) is read again at full size.
     */
    static boolean keepsCoarseAnswer(
            List<PlateCandidate> coarse, List<CandidateReader.Glance> glances, Settings settings) {
        if (coarse.isEmpty() || coarse.get(0).confidence() < settings.coarseAccept()) {
            return false;
        }
        double bestPlacement = glances.stream()
                .mapToDouble(CandidateReader.Glance::placement)
                .max()
                .orElse(0);
        return bestPlacement >= settings.coarsePlacement();
    }

    TextLineReader lineReader() {
        return lineReader;
    }

    CandidateReader candidateReader() {
        return candidateReader;
    }

    /** Decodes the bytes (JPEG, PNG, BMP, GIF) and reads them; {@link UnreadableImageException} if they are not an image. */
    public List<PlateCandidate> recognize(byte[] imageBytes) {
        return recognize(decode(imageBytes));
    }

    /** Reads the image file; {@link UnreadableImageException} if it is not an image or cannot be read. */
    public List<PlateCandidate> recognize(Path imageFile) {
        return recognize(decode(imageFile));
    }

    /**
     * A cheap description of the vehicle the plate is on: the dominant body colour of the region
     * above the plate (white, silver, grey, black, red, orange, yellow, green, blue, purple, brown or
     * beige; null when no colour holds a clear majority). Make, model and type are never guessed.
     * Empty when the region is off the image.
     */
    public Optional<VehicleDescription> describeVehicle(BufferedImage image, PlateBox plate) {
        return colours.describe(image, plate);
    }

    public static BufferedImage decode(Path imageFile) {
        try {
            return decode(Files.readAllBytes(imageFile));
        } catch (IOException e) {
            throw new UnreadableImageException("cannot read " + imageFile + ": " + e.getMessage(), e);
        }
    }

    public static BufferedImage decode(byte[] imageBytes) {
        BufferedImage image;
        try {
            image = ImageIO.read(new ByteArrayInputStream(imageBytes));
        } catch (IOException | RuntimeException e) {
            throw new UnreadableImageException("not a readable image: " + e.getMessage(), e);
        }
        if (image == null || image.getWidth() < 1 || image.getHeight() < 1) {
            throw new UnreadableImageException("not an image in a supported format (JPEG, PNG, BMP, GIF)");
        }
        return image;
    }

    /** Text boxes of the whole photo, detected at {@code maxSide} but enlarged by no more than {@code maxUpscale}. */
    private List<TextBox> detectScene(
            RgbImage img, TextDetector detector, double maxUpscale, int maxSide, StageProfile.Photo profile) {
        double scale = Math.min(maxUpscale, maxSide / (double) Math.max(img.width, img.height));
        // Both sides are resized to multiples of 32, as the reference pre-processing does; padding
        // instead was measured 6 points worse on us/ (the network was trained on resized input).
        int dw = roundTo32(img.width * scale);
        int dh = roundTo32(img.height * scale);
        return detector.detect(img, 0, 0, img.width, img.height, dw, dh, settings.detMinScore(), profile);
    }

    private <T, R> List<R> inParallel(List<T> items, Function<T, R> task) {
        List<Future<R>> futures = new ArrayList<>(items.size());
        for (T item : items) {
            futures.add(workers.submit(() -> task.apply(item)));
        }
        List<R> out = new ArrayList<>(items.size());
        try {
            for (Future<R> f : futures) {
                out.add(f.get());
            }
        } catch (InterruptedException e) {
            futures.forEach(f -> f.cancel(true));
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading plates", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        }
        return out;
    }

    static int roundTo32(double v) {
        return Math.max(32, (int) Math.round(v / 32) * 32);
    }

    /** Two candidates with the same text are the same plate seen twice (e.g. the line and the whole plate); keep the better. */
    private static void addUnlessDuplicate(List<PlateCandidate> out, PlateCandidate c) {
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i).plate().equals(c.plate())) {
                if (c.confidence() > out.get(i).confidence()) {
                    out.set(i, c);
                }
                return;
            }
        }
        out.add(c);
    }

    @Override
    public void close() {
        workers.shutdownNow();
        models.close();
    }
}
