package org.platewatch.server.policy;

import java.time.Duration;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * One mapping of a profile file, read field by field: each getter names the field's full path in its refusal, and
 * {@link #done()} refuses any field the format does not know, so that a mistyped name never silently does nothing.
 * The untyped YAML tree stays inside {@link ProfileYaml}; only the records of the profile leave it.
 */
final class YamlFields {

    private final Map<?, ?> map;
    private final String path;
    private final Set<String> read = new LinkedHashSet<>();

    private YamlFields(Map<?, ?> map, String path) {
        this.map = map;
        this.path = path;
    }

    static YamlFields root(Object document) {
        if (!(document instanceof Map<?, ?> m)) {
            throw new ProfileFileException("the file must hold one mapping of profile fields (see docs/profiles/)");
        }
        return new YamlFields(m, "");
    }

    String pathOf(String field) {
        return name(field);
    }

    private String name(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    private Object value(String field) {
        read.add(field);
        Object v = map.get(field);
        if (v == null) {
            throw new ProfileFileException(
                    name(field) + ": missing" + (map.containsKey(field) ? " (it has no value)" : ""));
        }
        return v;
    }

    private ProfileFileException wrong(String field, String expected, Object v) {
        String shown = String.valueOf(v);
        if (shown.length() > 60) {
            shown = shown.substring(0, 60) + "...";
        }
        return new ProfileFileException(name(field) + ": expected " + expected + ", not '" + shown + "'");
    }

    String text(String field) {
        Object v = value(field);
        if (!(v instanceof String s) || s.isBlank()) {
            throw wrong(field, "text", v);
        }
        return s;
    }

    /** Text that may be empty ({@code ""}: the profile names none), but must be given. */
    String textOrEmpty(String field) {
        Object v = value(field);
        if (!(v instanceof String s)) {
            throw wrong(field, "text (\"\" for none)", v);
        }
        return s.strip();
    }

    boolean bool(String field) {
        Object v = value(field);
        if (!(v instanceof Boolean b)) {
            throw wrong(field, "true or false", v);
        }
        return b;
    }

    int integer(String field) {
        Object v = value(field);
        if (!(v instanceof Integer i)) {
            throw wrong(field, "a whole number", v);
        }
        return i;
    }

    Period period(String field) {
        String v = text(field);
        try {
            return Period.parse(v);
        } catch (RuntimeException e) {
            throw wrong(field, "an ISO-8601 period such as P60D, P6M or P1Y", v);
        }
    }

    Duration duration(String field) {
        String v = text(field);
        try {
            return Duration.parse(v);
        } catch (RuntimeException e) {
            throw wrong(field, "an ISO-8601 duration such as PT24H or P30D", v);
        }
    }

    ZoneId zone(String field) {
        String v = text(field);
        try {
            return ZoneId.of(v);
        } catch (RuntimeException e) {
            throw wrong(field, "a time zone such as America/Los_Angeles", v);
        }
    }

    <E extends Enum<E>> E choice(String field, Class<E> type) {
        return parse(field, text(field), type);
    }

    <E extends Enum<E>> Set<E> choices(String field, Class<E> type) {
        Set<E> set = EnumSet.noneOf(type);
        for (Object item : list(field)) {
            if (!(item instanceof String s)) {
                throw wrong(field, "a list of names", item);
            }
            set.add(parse(field, s, type));
        }
        return set;
    }

    List<String> texts(String field) {
        List<String> texts = new ArrayList<>();
        for (Object item : list(field)) {
            if (!(item instanceof String s) || s.isBlank()) {
                throw wrong(field, "a list of texts", item);
            }
            texts.add(s);
        }
        return texts;
    }

    YamlFields child(String field) {
        Object v = value(field);
        if (!(v instanceof Map<?, ?> m)) {
            throw wrong(field, "a mapping of fields", v);
        }
        return new YamlFields(m, name(field));
    }

    List<YamlFields> children(String field) {
        List<YamlFields> children = new ArrayList<>();
        List<?> items = list(field);
        for (int i = 0; i < items.size(); i++) {
            if (!(items.get(i) instanceof Map<?, ?> m)) {
                throw wrong(field, "a list of mappings", items.get(i));
            }
            children.add(new YamlFields(m, name(field) + "[" + i + "]"));
        }
        return children;
    }

    boolean has(String field) {
        return map.containsKey(field);
    }

    private List<?> list(String field) {
        Object v = value(field);
        if (!(v instanceof List<?> l)) {
            throw wrong(field, "a list (use [] for none)", v);
        }
        return l;
    }

    private <E extends Enum<E>> E parse(String field, String v, Class<E> type) {
        try {
            return Enum.valueOf(type, v);
        } catch (IllegalArgumentException e) {
            throw new ProfileFileException(name(field) + ": unknown value '" + v + "'; allowed: "
                    + String.join(
                            ", ",
                            Arrays.stream(type.getEnumConstants())
                                    .map(Enum::name)
                                    .toList()));
        }
    }

    /**
     * Builds a record from the fields read, turning its constructor's refusal (a blank title, a relaxed state-law
     * rule) into a refusal that names this mapping, and then refuses fields nobody read.
     */
    <T> T build(Supplier<T> constructor) {
        T built;
        try {
            built = constructor.get();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ProfileFileException((path.isEmpty() ? "profile" : path) + ": " + e.getMessage());
        }
        done();
        return built;
    }

    /** Refuses any field of this mapping that the format does not have. */
    void done() {
        for (Object key : map.keySet()) {
            if (!read.contains(String.valueOf(key))) {
                throw new ProfileFileException(name(String.valueOf(key)) + ": unknown field");
            }
        }
    }
}
