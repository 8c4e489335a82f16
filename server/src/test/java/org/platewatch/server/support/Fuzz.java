package org.platewatch.server.support;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Property-based fuzzing for the parsers: a property runs {@code tries} times on inputs generated
 * from valid seeds and mutated (fields dropped, duplicated or given the wrong JSON type, huge and
 * negative numbers, NaN-like strings, control characters and odd Unicode, truncations, byte flips).
 *
 * <p>Home-grown rather than jqwik: jqwik 1.10, the version Maven Central serves, comes with its
 * maintainer's clause against use by AI coding agents and prints an instruction aimed at them into
 * every test run's output, and this project's sessions are run by such agents. The inputs are
 * reproducible: the seed is fixed (so CI is deterministic), {@code -Dplatewatch.fuzz.seed=N} explores
 * others, and a failure names the property, the try, the seed and the input.
 */
public final class Fuzz {

    /** The base seed; each property mixes in its own name, so adding a property changes no other's inputs. */
    public static final long SEED = Long.getLong("platewatch.fuzz.seed", 20_260_415L);

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Strings a parser may take for something else: numbers, NaN, dates, escapes, odd Unicode. */
    private static final List<String> ODD_STRINGS = List.of(
            "",
            " ",
            "NaN",
            "-NaN",
            "Infinity",
            "-Infinity",
            "1e999",
            "-1",
            "0x1F",
            "null",
            "true",
            "[]",
            "{}",
            "\u0000",
            "\u0007bell",
            "\u001b[2K",
            "a\r\nb",
            "\t",
            "\u202eRTL",
            "\u200b",
            "\uFEFF",
            "e\u0301\u0301\u0301",
            "\uD83D\uDE93",
            "\uFF17\uFF21\uFF22\uFF23",
            "\u0130\u0131",
            "İSTANBUL",
            "9999-99-99",
            "2026-02-30T25:61:00Z",
            "+999999999-12-31T23:59:59Z",
            "-000000001-01-01T00:00:00Z",
            "1970-01-01T00:00:00Z",
            "ca",
            "us-ca",
            "XX",
            "'; DROP TABLE detections;--",
            "%s%n",
            "../../etc/passwd",
            "<script>",
            "\\u0000");

    private static final List<String> ODD_NUMBERS = List.of(
            "1e309",
            "-1e309",
            "1e-400",
            "-0",
            "-0.0",
            "9223372036854775808",
            "-9223372036854775809",
            "99999999999999999999999999",
            "1.7976931348623157E308",
            "4.9E-324",
            "-1",
            "0",
            "360",
            "361",
            "-181",
            "91",
            "1.0000000000000002");

    private final Random random;

    private Fuzz(long seed) {
        this.random = new Random(seed);
    }

    /**
     * Checks {@code property} on {@code tries} inputs from {@code generate}; the first failure is
     * reported with the input that caused it (control characters escaped, long inputs cut).
     */
    public static <T> void forAll(String name, int tries, Function<Fuzz, T> generate, Consumer<T> property) {
        Fuzz fuzz = new Fuzz(SEED ^ name.hashCode());
        for (int i = 0; i < tries; i++) {
            T input = generate.apply(fuzz);
            try {
                property.accept(input);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError(
                        name + ": try " + (i + 1) + " of " + tries + " (platewatch.fuzz.seed=" + SEED
                                + ") failed on input:\n" + describe(input) + "\n" + e.getMessage(),
                        e);
            }
        }
    }

    public Random random() {
        return random;
    }

    public int between(int min, int max) {
        return min + random.nextInt(max - min + 1);
    }

    public boolean chance(double p) {
        return random.nextDouble() < p;
    }

    public <T> T oneOf(List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    /** A string of letters and digits such as a plate, {@code min} to {@code max} long. */
    public String alnum(int min, int max) {
        String alphabet = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789";
        StringBuilder s = new StringBuilder();
        for (int i = between(min, max); i > 0; i--) {
            s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return s.toString();
    }

    public String oddString() {
        if (chance(0.1)) {
            return "X".repeat(between(300, 20_000));
        }
        return oneOf(ODD_STRINGS);
    }

    /**
     * The seed with 1 to 3 mutations: most change the JSON tree (a field dropped, duplicated or given
     * an odd value of another type), the rest the text (truncated, bytes flipped, a range repeated).
     */
    public byte[] mutateJson(String seed) {
        byte[] bytes = seed.getBytes(StandardCharsets.UTF_8);
        for (int n = between(1, 3); n > 0; n--) {
            bytes = chance(0.7) ? mutateTree(bytes) : mutateBytes(bytes);
        }
        return bytes;
    }

    /** 1 to 3 byte-level mutations. */
    public byte[] mutateBytes(byte[] seed) {
        byte[] b = seed.clone();
        for (int n = between(1, 3); n > 0; n--) {
            if (b.length == 0) {
                return new byte[] {(byte) random.nextInt(256)};
            }
            int at = random.nextInt(b.length);
            switch (random.nextInt(6)) {
                case 0 -> b = Arrays.copyOf(b, at); // truncated
                case 1 -> b[at] ^= (byte) (1 << random.nextInt(8)); // a bit flipped
                case 2 -> b[at] = (byte) (int) oneOf(List.of(0x00, 0x0a, 0x0d, 0x22, 0x5c, 0x7f, 0xc0, 0xff, 0x2c));
                case 3 -> b = splice(b, at, Math.min(b.length, at + between(1, 16)), new byte[0]); // a range cut
                case 4 -> b = splice(b, at, at, Arrays.copyOfRange(b, at, Math.min(b.length, at + between(1, 64))));
                default -> b = splice(b, at, at, oddString().getBytes(StandardCharsets.UTF_8));
            }
        }
        return b;
    }

    private byte[] mutateTree(byte[] bytes) {
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (RuntimeException e) {
            return mutateBytes(bytes); // already broken by an earlier mutation
        }
        if (root == null || !root.isContainer()) {
            return mutateBytes(bytes);
        }
        List<JsonNode> containers = new ArrayList<>();
        collect(root, containers);
        JsonNode target = oneOf(containers);
        if (target instanceof ObjectNode object && !object.isEmpty()) {
            List<String> names = new ArrayList<>(object.propertyNames());
            String name = oneOf(names);
            switch (random.nextInt(4)) {
                case 0 -> object.remove(name);
                case 1 -> {
                    // A duplicated key cannot live in the tree: the text gets the field twice.
                    String text = JSON.writeValueAsString(root);
                    String field = JSON.writeValueAsString(name) + ":" + JSON.writeValueAsString(object.get(name));
                    return text.replace(field, field + "," + field).getBytes(StandardCharsets.UTF_8);
                }
                default -> object.set(name, oddValue());
            }
        } else if (target instanceof ArrayNode array && !array.isEmpty()) {
            int i = random.nextInt(array.size());
            switch (random.nextInt(4)) {
                case 0 -> array.remove(i);
                case 1 -> array.add(array.get(i).deepCopy());
                default -> array.set(i, oddValue());
            }
        } else if (target instanceof ObjectNode object) {
            object.set(oddString(), oddValue());
        } else if (target instanceof ArrayNode array) {
            array.add(oddValue());
        }
        return JSON.writeValueAsBytes(root);
    }

    private static void collect(JsonNode node, List<JsonNode> into) {
        if (node.isContainer()) {
            into.add(node);
            for (JsonNode child : node.values()) {
                collect(child, into);
            }
        }
    }

    /** A value of any JSON type that a field may wrongly hold. */
    public JsonNode oddValue() {
        return switch (random.nextInt(8)) {
            case 0 -> NODES.stringNode(oddString());
            case 1 -> NODES.numberNode(new BigDecimal(oneOf(ODD_NUMBERS)));
            case 2 -> NODES.numberNode(BigInteger.valueOf(random.nextLong()).shiftLeft(between(0, 80)));
            case 3 -> NODES.booleanNode(random.nextBoolean());
            case 4 -> NODES.nullNode();
            case 5 -> NODES.arrayNode().add(oddString());
            case 6 -> NODES.objectNode().put(oddString(), oddString());
            default -> NODES.numberNode(random.nextInt());
        };
    }

    private static byte[] splice(byte[] b, int from, int to, byte[] insert) {
        byte[] out = new byte[b.length - (to - from) + insert.length];
        System.arraycopy(b, 0, out, 0, from);
        System.arraycopy(insert, 0, out, from, insert.length);
        System.arraycopy(b, to, out, from + insert.length, b.length - to);
        return out;
    }

    /** The input as text for a failure message: bytes as UTF-8, control characters escaped, cut at 4,000. */
    public static String describe(Object input) {
        String text = input instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(input);
        StringBuilder s = new StringBuilder();
        text.codePoints().limit(4000).forEach(c -> {
            if ((c < 0x20 && c != '\n') || c == 0x7f || Character.getType(c) == Character.FORMAT) {
                s.append(String.format("\\u%04x", c));
            } else {
                s.appendCodePoint(c);
            }
        });
        return text.length() > 4000 ? s + "... (" + text.length() + " characters)" : s.toString();
    }
}
