package org.platewatch.recognition;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Development aid, not a test: the whole-scene detector alone, FP32 and INT8 interleaved photo by
 * photo in one process (so both see the same load), with the process's CPU time and the wall
 * time of each call. Arguments: DIR [N [THREADS]].
 */
public final class DetectorPrecisionProbe {

    public static void main(String[] args) throws Exception {
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        List<Path> photos;
        try (Stream<Path> files = Files.list(Path.of(args[0]))) {
            photos = files.filter(p -> p.toString().endsWith(".jpg"))
                    .sorted()
                    .limit(n)
                    .toList();
        }
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try (OcrModels fp32 = new OcrModels(threads, 1, DetectorPrecision.FP32);
                OcrModels int8 = new OcrModels(threads, 1, DetectorPrecision.INT8)) {
            OcrModels[] models = {fp32, int8};
            List<List<double[]>> times = List.of(new ArrayList<>(), new ArrayList<>());
            for (int round = 0; round < 2; round++) { // the first round warms up, untimed
                for (Path photo : photos) {
                    RgbImage img = RgbImage.of(Recognizer.decode(photo));
                    double scale = Math.min(1.0, 1120 / (double) Math.max(img.width, img.height));
                    int dw = Recognizer.roundTo32(img.width * scale);
                    int dh = Recognizer.roundTo32(img.height * scale);
                    for (int m = 0; m < 2; m++) {
                        TextDetector d = new TextDetector(models[m], models[m].sceneDetector);
                        long cpu = os.getProcessCpuTime();
                        long wall = System.nanoTime();
                        d.detect(img, 0, 0, img.width, img.height, dw, dh, 0.4);
                        if (round == 1) {
                            times.get(m).add(new double[] {
                                (System.nanoTime() - wall) / 1e6, (os.getProcessCpuTime() - cpu) / 1e6
                            });
                        }
                    }
                }
            }
            for (int m = 0; m < 2; m++) {
                double[] wall =
                        times.get(m).stream().mapToDouble(t -> t[0]).sorted().toArray();
                double[] cpu =
                        times.get(m).stream().mapToDouble(t -> t[1]).sorted().toArray();
                System.out.printf(
                        Locale.ROOT,
                        "%s: %d calls, median wall %.1f ms, median CPU %.1f ms, mean CPU %.1f ms%n",
                        m == 0 ? "FP32" : "INT8",
                        wall.length,
                        wall[wall.length / 2],
                        cpu[cpu.length / 2],
                        Arrays.stream(cpu).average().orElse(0));
            }
        }
    }
}
