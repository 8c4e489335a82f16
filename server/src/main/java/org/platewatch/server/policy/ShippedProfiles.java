package org.platewatch.server.policy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The eight seed departments, looked up by name. Each department's profile is its own class, e.g.
 * {@link AlamedaProfile}, written from its published policy in {@code shared/policies/california-alpr-policies.txt}
 * with the section behind each value; {@link ShippedDefaults} holds the values taken where a text is silent, and
 * docs/policy-profiles.md tabulates them.
 */
public final class ShippedProfiles {

    private static final Map<String, DepartmentProfile> PROFILES = index(List.of(
            AlamedaProfile.profile(),
            EmeryvilleProfile.profile(),
            HaywardProfile.profile(),
            OaklandProfile.profile(),
            PiedmontProfile.profile(),
            RichmondProfile.profile(),
            SanLeandroProfile.profile(),
            VallejoProfile.profile()));

    /** Profiles a department may choose that are not one of the eight: {@link Sb274Profile}. */
    private static final Map<String, DepartmentProfile> OPTIONAL = index(List.of(Sb274Profile.profile()));

    private ShippedProfiles() {}

    /**
     * The seed or optional profile named {@code name}, ignoring case and accepting spaces or underscores for '-'.
     */
    public static Optional<DepartmentProfile> byName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String key = name.trim().toLowerCase(Locale.ROOT).replace(' ', '-').replace('_', '-');
        return Optional.ofNullable(PROFILES.get(key)).or(() -> Optional.ofNullable(OPTIONAL.get(key)));
    }

    /** The eight seed profiles' names, in alphabetical order. */
    public static Set<String> names() {
        return PROFILES.keySet();
    }

    /** The optional profiles' names ({@code sb274}). */
    public static Set<String> optionalNames() {
        return OPTIONAL.keySet();
    }

    /** Every name {@link #byName} knows: the seed profiles, then the optional ones. */
    public static List<String> allNames() {
        List<String> all = new java.util.ArrayList<>(PROFILES.keySet());
        all.addAll(OPTIONAL.keySet());
        return List.copyOf(all);
    }

    /** The eight seed profiles, in alphabetical order of name. */
    public static List<DepartmentProfile> all() {
        return List.copyOf(PROFILES.values());
    }

    private static Map<String, DepartmentProfile> index(List<DepartmentProfile> profiles) {
        Map<String, DepartmentProfile> byKey = new LinkedHashMap<>();
        profiles.forEach(p -> {
            if (byKey.put(p.key(), p) != null) {
                throw new IllegalStateException("two shipped profiles named " + p.key());
            }
        });
        return Collections.unmodifiableMap(byKey);
    }
}
