package org.platewatch.recognition.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.platewatch.plate.PlateText;
import org.platewatch.recognition.PlateHeadTraining;

/**
 * {@code train-plate-head DIR [options]} (see {@link #HELP}): trains the plate-reading head
 * on a labelled folder. Four fifths of the folder are trained on; the other fifth (by default the
 * one {@code bench-recognition --held-out} scores) is only reported on. {@code --hold-out none}
 * trains on the whole folder.
 */
final class TrainCommand {

    static final String DEFAULT_OUT = "recognition/src/main/resources/org/platewatch/recognition/plate-head.bin";
    static final String HELP = """
            Usage: platewatch train-plate-head DIR [--out FILE] [--epochs N] [--hidden N] [--jitters N] [--runs N] [--anchor W] [--check DIR]... [--seed N] [--hold-out K|none]
            Trains the plate-reading head on a labelled folder (shared/datasets/plates/us-crops
            produces the shipped weights). One fifth of the folder, chosen by file name, is held
            out: reported on each epoch, never trained on.
              --out FILE   where to write the weights (default %s)
              --epochs N   passes over the training crops (default %d)
              --hidden N   hidden units of the correction network, 0 for a linear head (default %d)
              --jitters N  randomly jittered crops per photo (default %d)
              --runs N     training runs, in different orders, whose weights are averaged (default %d)
              --anchor W   weight of staying close to the OCR model's own reading (default %s)
              --check DIR  also report, each epoch, how many crops of this labelled folder the
                           head reads exactly (never trained on; repeatable)
              --seed N     seed of every random choice (default %d)
              --hold-out K the fifth (0-4) held out, as bench-recognition --fold K scores it,
                           or none to train on every photo (default %d)
            """;

    private final PrintStream out;

    TrainCommand(PrintStream out) {
        this.out = out;
    }

    int run(String[] args) {
        PlateHeadTraining.Options defaults = PlateHeadTraining.Options.defaults();
        int epochs = defaults.epochs();
        int hidden = defaults.hidden();
        int jitters = defaults.jitters();
        double anchor = defaults.anchor();
        int runs = defaults.runs();
        long seed = defaults.seed();
        Path target = Path.of(System.getProperty("platewatch.root", ".")).resolve(DEFAULT_OUT);
        int holdOut = LabelledSet.SHIPPED_HEAD_HOLD_OUT;
        Path dir = null;
        List<Path> checkDirs = new java.util.ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--help", "-h" -> {
                    out.printf(
                            HELP,
                            DEFAULT_OUT,
                            defaults.epochs(),
                            defaults.hidden(),
                            defaults.jitters(),
                            defaults.runs(),
                            defaults.anchor(),
                            defaults.seed(),
                            LabelledSet.SHIPPED_HEAD_HOLD_OUT);
                    return 0;
                }
                case "--out" -> target = Path.of(value(args, ++i, "--out"));
                case "--epochs" -> epochs = number(value(args, ++i, "--epochs"), "--epochs", 1, 1000);
                case "--hidden" -> hidden = number(value(args, ++i, "--hidden"), "--hidden", 0, 1024);
                case "--jitters" -> jitters = number(value(args, ++i, "--jitters"), "--jitters", 0, 100);
                case "--runs" -> runs = number(value(args, ++i, "--runs"), "--runs", 1, 100);
                case "--anchor" -> anchor = decimal(value(args, ++i, "--anchor"), "--anchor");
                case "--check" -> checkDirs.add(Path.of(value(args, ++i, "--check")));
                case "--seed" -> seed = number(value(args, ++i, "--seed"), "--seed", 0, Integer.MAX_VALUE);
                case "--hold-out" -> holdOut = fold(value(args, ++i, "--hold-out"), "--hold-out");
                default -> dir = TrainingCli.onlyDirectory(args[i], dir);
            }
        }
        TrainingCli.requireDirectory(dir);
        LabelledSet set = LabelledSet.load(dir);
        PlateHeadTraining.Options options =
                new PlateHeadTraining.Options(epochs, hidden, jitters, defaults.learningRate(), seed, runs, anchor);
        java.util.Map<String, List<PlateHeadTraining.Example>> checks = new java.util.LinkedHashMap<>();
        if (holdOut != LabelledSet.NO_FOLD) {
            checks.put("held-out", examples(set.foldPart(holdOut)));
        }
        for (Path d : checkDirs) {
            String name = d.getFileName().toString();
            checks.put(checks.containsKey(name) ? d.toString() : name, examples(LabelledSet.load(d)));
        }
        new PlateHeadTraining(options, out).train(examples(set.withoutFold(holdOut)), checks, target);
        return 0;
    }

    private static List<PlateHeadTraining.Example> examples(LabelledSet set) {
        return set.items().stream()
                .map(i -> new PlateHeadTraining.Example(i.image(), PlateText.normalise(i.plate())))
                .toList();
    }

    /** A fifth's number (0-4), or {@link LabelledSet#NO_FOLD} for {@code none}. */
    static int fold(String value, String option) {
        return value.equals("none") ? LabelledSet.NO_FOLD : number(value, option, 0, LabelledSet.FOLDS - 1);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new RecognitionCli.UsageException(option + " needs a value");
        }
        return args[i];
    }

    private static double decimal(String value, String option) {
        try {
            double d = Double.parseDouble(value);
            if (!(d >= 0 && d <= 100)) {
                throw new RecognitionCli.UsageException(option + " must be between 0 and 100, got " + value);
            }
            return d;
        } catch (NumberFormatException e) {
            throw new RecognitionCli.UsageException(option + " needs a number, got '" + value + "'");
        }
    }

    private static int number(String value, String option, int min, int max) {
        try {
            int n = Integer.parseInt(value);
            if (n < min || n > max) {
                throw new RecognitionCli.UsageException(
                        option + " must be between " + min + " and " + max + ", got " + value);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new RecognitionCli.UsageException(option + " needs a whole number, got '" + value + "'");
        }
    }
}
