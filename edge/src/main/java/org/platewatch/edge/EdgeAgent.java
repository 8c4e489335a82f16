package org.platewatch.edge;

import java.io.PrintStream;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * {@code bin/platewatch edge}: the agent beside a camera or in a patrol car. Plain Java, no framework:
 * it runs without the server and on a small computer.
 */
public final class EdgeAgent {

    private EdgeAgent() {}

    public static void main(String[] args) {
        configureLogging();
        int status = run(args, System.getenv(), System.out, System.err);
        if (status != RUNNING) {
            System.exit(status);
        }
    }

    /** The agent's loops keep the JVM alive; {@link #run} answers this when it started them. */
    static final int RUNNING = -1;

    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        String command = args.length > 0 && !args[0].startsWith("-") ? args[0] : "run";
        String[] rest = command.equals("run") && (args.length == 0 || args[0].startsWith("-"))
                ? args
                : Arrays.copyOfRange(args, 1, args.length);
        if (Arrays.asList(rest).contains("--help") || Arrays.asList(rest).contains("-h")) {
            out.print(command.equals("bench") ? EdgeBenchmark.HELP : EdgeOptions.HELP);
            return 0;
        }
        try {
            switch (command) {
                case "run" -> {
                    EdgeRuntime agent = new EdgeRuntime(
                            EdgeOptions.parse(rest, env), PlateReader.recognition(), out, Clock.systemUTC());
                    Runtime.getRuntime().addShutdownHook(new Thread(agent::close, "edge-shutdown"));
                    agent.start();
                    out.println("platewatch edge: running; journal in "
                            + agent.options.dataDir().toAbsolutePath());
                    return RUNNING;
                }
                case "check" -> {
                    EdgeOptions options = EdgeOptions.parse(rest, env);
                    return new ShiftCheck(options, PlateReader.recognition(), Clock.systemUTC(), out).run();
                }
                case "bench" -> {
                    return EdgeBenchmark.run(rest, out);
                }
                default ->
                    throw new EdgeOptions.UsageException(
                            "unknown edge command '" + command + "' (edge, edge check, edge bench; try --help)");
            }
        } catch (EdgeOptions.UsageException e) {
            err.println("platewatch edge: " + e.getMessage());
            return 2;
        } catch (JournalKeyException e) {
            err.println("platewatch edge: " + e.getMessage());
            return 2;
        } catch (java.io.IOException | IllegalStateException e) {
            err.println("platewatch edge: " + e.getMessage());
            return 1;
        }
    }

    /** One line per record on stderr; the records carry ids, never plate text or coordinates. */
    static void configureLogging() {
        Logger root = Logger.getLogger("");
        for (var h : root.getHandlers()) {
            root.removeHandler(h);
        }
        ConsoleHandler h = new ConsoleHandler();
        h.setFormatter(new Formatter() {
            @Override
            public String format(LogRecord r) {
                String name = r.getLoggerName() == null ? "" : r.getLoggerName();
                return r.getInstant() + " " + r.getLevel() + " " + name.substring(name.lastIndexOf('.') + 1) + ": "
                        + formatMessage(r) + System.lineSeparator();
            }
        });
        h.setLevel(Level.INFO);
        root.addHandler(h);
    }
}
