package org.platewatch.recognition;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Development aid, not a test: where the time per image goes, stage by stage, over the first 40 photos of a folder. */
public final class StageTiming {
    public static void main(String[] a) throws Exception {
        Settings st = Settings.defaults();
        OcrModels m = new OcrModels(st.sceneThreads(), st.smallThreads());
        TextDetector det = new TextDetector(m, m.sceneDetector);
        CandidateReader cr = new CandidateReader(
                new TextDetector(m, m.lineDetector), new TextLineReader(m, java.util.Optional.empty()), st);
        List<Path> files;
        try (Stream<Path> listed = Files.list(Path.of(a[0]))) {
            files = listed.filter(p -> p.toString().endsWith(".jpg"))
                    .sorted()
                    .limit(40)
                    .toList();
        }
        long tDecode = 0, tTensor = 0, tDet = 0, tGlance = 0, tClose = 0;
        int nG = 0, nC = 0;
        for (int pass = 0; pass < 2; pass++) {
            tDecode = tTensor = tDet = tGlance = tClose = 0;
            nG = nC = 0;
            for (Path f : files) {
                long t0 = System.nanoTime();
                RgbImage img = RgbImage.of(Recognizer.decode(f));
                long t1 = System.nanoTime();
                double scale = Math.min(1.0, st.detMaxSide() / (double) Math.max(img.width, img.height));
                int dw = Recognizer.roundTo32(img.width * scale), dh = Recognizer.roundTo32(img.height * scale);
                img.toTensor(0, 0, img.width, img.height, dw, dh, new float[] {0, 0, 0}, new float[] {1, 1, 1});
                long t2 = System.nanoTime();
                List<TextBox> scene = TextLines.withJoinedLines(
                        det.detect(img, 0, 0, img.width, img.height, dw, dh, st.detMinScore()));
                long t3 = System.nanoTime();
                List<CandidateReader.Glance> gs = new java.util.ArrayList<>();
                for (PlateLocaliser.Scored s : new PlateLocaliser().rank(img, scene, st.triaged())) {
                    gs.add(cr.glance(img, s));
                    nG++;
                }
                gs.sort(java.util.Comparator.comparingDouble(CandidateReader.Glance::score)
                        .reversed());
                long t4 = System.nanoTime();
                for (CandidateReader.Glance g : gs.subList(0, Math.min(st.closeUps(), gs.size()))) {
                    if (g.score() > 0) {
                        cr.closeUp(img, g);
                        nC++;
                    }
                }
                long t5 = System.nanoTime();
                tDecode += t1 - t0;
                tTensor += t2 - t1;
                tDet += t3 - t2;
                tGlance += t4 - t3;
                tClose += t5 - t4;
            }
        }
        int n = files.size();
        System.out.printf(
                "per image ms: decode %.1f, det tensor %.1f, det(incl tensor) %.1f, glances %.1f (%.1f each), closeups %.1f (%.1f each)%n",
                tDecode / 1e6 / n,
                tTensor / 1e6 / n,
                tDet / 1e6 / n,
                tGlance / 1e6 / n,
                tGlance / 1e6 / nG,
                tClose / 1e6 / n,
                tClose / 1e6 / Math.max(1, nC));
    }
}
