package org.platewatch.recognition;

/**
 * The pipeline's tuning knobs in one place. Defaults are what measured best on the development
 * set (see docs/recognition.md); system properties {@code platewatch.recognition.*} override
 * them for experiments without a rebuild.
 *
 * @param detMaxSide    longest side of the whole-scene detection input (smaller is faster but misses small plates)
 * @param detMinScore   mean text probability a whole-scene box needs to be kept
 * @param triaged       plate-like boxes given one quick read each, best geometric score first
 * @param closeUps      boxes, best after the quick read, that are read close up with voting
 * @param lineHeight    pixel height the candidate's text is scaled to for the close-up detection
 * @param sceneThreads  ONNX Runtime intra-op threads for the whole-scene detection
 * @param smallThreads  intra-op threads for the small close-up inferences
 * @param workers       boxes read at the same time
 * @param secondLookBelow  when no quick read scores at least this, the scene is detected again with the slower v4 detector (0: never)
 * @param secondLookUpscale  how far the second look may enlarge a photo smaller than {@code detMaxSide} (1: never)
 * @param homeState       two-letter code of the state most plates come from, whose serial formats are preferred ("none": no preference)
 * @param plateHead     read characters with the plate-trained head when one is shipped (off: the OCR model's own layer)
 * @param coarseMaxSide   longest side of a cheaper whole-scene look taken first, for photos larger than it (0: none, the
 *                        default: at 640 and 800 px it read one us/ plate fewer, docs/recognition.md "The coarse look")
 * @param coarseAccept    the coarse look's best candidate needs this confidence to be the answer; below it the photo is read at {@code detMaxSide} as if the coarse look had not been
 * @param glanceEarlyStop  stop glancing once no box left unread could enter the close-ups (the answer is the same; off: every box is read)
 * @param coarsePlacement  the coarse look's answer is kept only when its best box is placed at least this plate-like (shape,
 *                         contrast, not in the time-stamp strip; at most 1): a sure read in a box placed like a far car's
 *                         plate or a sticker is read again at full size, where a nearer plate may show (0: any placement)
 * @param closeUpsWhenSure  boxes read close up when the best glance is a sure plate and the next is not (at most {@code closeUps})
 * @param detectorPrecision  the whole-scene detector's copy: the published FP32 model or its INT8 copy (docs/recognition.md, "Item 3, INT8")
 * @param plateHeadFile  a plate head file to read instead of the shipped one ("": the shipped head), so that a head
 *                       trained with another fifth held out can be scored on that fifth (the cross-validation)
 */
record Settings(
        int detMaxSide,
        double detMinScore,
        int triaged,
        int closeUps,
        int lineHeight,
        int sceneThreads,
        int smallThreads,
        int workers,
        double secondLookBelow,
        double secondLookUpscale,
        String homeState,
        boolean plateHead,
        int coarseMaxSide,
        double coarseAccept,
        boolean glanceEarlyStop,
        double coarsePlacement,
        int closeUpsWhenSure,
        DetectorPrecision detectorPrecision,
        String plateHeadFile) {

    static Settings defaults() {
        return new Settings(
                Integer.getInteger("platewatch.recognition.detMaxSide", 1120),
                Double.parseDouble(System.getProperty("platewatch.recognition.detMinScore", "0.4")),
                Integer.getInteger("platewatch.recognition.triaged", 8),
                Integer.getInteger("platewatch.recognition.closeUps", 2),
                Integer.getInteger("platewatch.recognition.lineHeight", 64),
                Integer.getInteger("platewatch.recognition.sceneThreads", 2),
                Integer.getInteger("platewatch.recognition.smallThreads", 1),
                Integer.getInteger("platewatch.recognition.workers", 2),
                Double.parseDouble(System.getProperty("platewatch.recognition.secondLookBelow", "0.3")),
                Double.parseDouble(System.getProperty("platewatch.recognition.secondLookUpscale", "2")),
                // Platewatch serves California departments (see the policy profiles).
                System.getProperty("platewatch.recognition.homeState", "ca"),
                Boolean.parseBoolean(System.getProperty("platewatch.recognition.plateHead", "true")),
                Integer.getInteger("platewatch.recognition.coarseMaxSide", 0),
                Double.parseDouble(System.getProperty("platewatch.recognition.coarseAccept", "0.9")),
                Boolean.parseBoolean(System.getProperty("platewatch.recognition.glanceEarlyStop", "true")),
                Double.parseDouble(System.getProperty("platewatch.recognition.coarsePlacement", "0")),
                Integer.getInteger("platewatch.recognition.closeUpsWhenSure", 1),
                DetectorPrecision.of(System.getProperty("platewatch.recognition.detectorPrecision", "fp32")),
                System.getProperty("platewatch.recognition.plateHeadFile", ""));
    }

    /** These settings with every box glanced at ({@code false}) or the glances stopped once settled. */
    Settings withGlanceEarlyStop(boolean stop) {
        return with(c -> c.glanceEarlyStop = stop);
    }

    /**
     * A copy with some settings changed, for experiments, tests and the plate head's training:
     * {@code s.with(c -> c.secondLookBelow = 0)}. One place builds a changed copy, so a new setting is added here
     * and in {@link #defaults} only, not at every call that changes another one.
     */
    Settings with(java.util.function.Consumer<Change> change) {
        Change c = new Change(this);
        change.accept(c);
        return c.settings();
    }

    /** The settings as fields to change, in {@link #with}. */
    static final class Change {
        int detMaxSide;
        double detMinScore;
        int triaged;
        int closeUps;
        int lineHeight;
        int sceneThreads;
        int smallThreads;
        int workers;
        double secondLookBelow;
        double secondLookUpscale;
        String homeState;
        boolean plateHead;
        int coarseMaxSide;
        double coarseAccept;
        boolean glanceEarlyStop;
        double coarsePlacement;
        int closeUpsWhenSure;
        DetectorPrecision detectorPrecision;
        String plateHeadFile;

        private Change(Settings from) {
            detMaxSide = from.detMaxSide;
            detMinScore = from.detMinScore;
            triaged = from.triaged;
            closeUps = from.closeUps;
            lineHeight = from.lineHeight;
            sceneThreads = from.sceneThreads;
            smallThreads = from.smallThreads;
            workers = from.workers;
            secondLookBelow = from.secondLookBelow;
            secondLookUpscale = from.secondLookUpscale;
            homeState = from.homeState;
            plateHead = from.plateHead;
            coarseMaxSide = from.coarseMaxSide;
            coarseAccept = from.coarseAccept;
            glanceEarlyStop = from.glanceEarlyStop;
            coarsePlacement = from.coarsePlacement;
            closeUpsWhenSure = from.closeUpsWhenSure;
            detectorPrecision = from.detectorPrecision;
            plateHeadFile = from.plateHeadFile;
        }

        private Settings settings() {
            return new Settings(
                    detMaxSide,
                    detMinScore,
                    triaged,
                    closeUps,
                    lineHeight,
                    sceneThreads,
                    smallThreads,
                    workers,
                    secondLookBelow,
                    secondLookUpscale,
                    homeState,
                    plateHead,
                    coarseMaxSide,
                    coarseAccept,
                    glanceEarlyStop,
                    coarsePlacement,
                    closeUpsWhenSure,
                    detectorPrecision,
                    plateHeadFile);
        }
    }

    /** Serial formats of {@link #homeState}; empty when none is set or none are known. */
    java.util.Set<String> homeFormats() {
        return PlateSyntax.HOME_FORMATS.getOrDefault(homeState.toLowerCase(java.util.Locale.ROOT), java.util.Set.of());
    }
}
