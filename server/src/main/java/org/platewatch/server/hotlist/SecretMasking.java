package org.platewatch.server.hotlist;

import java.util.regex.Pattern;

/**
 * Masks the secrets a list's download location may carry ({@code https://user:password@host/...},
 * {@code ?token=...}) wherever the location, or an error quoting it, is shown.
 */
final class SecretMasking {

    private static final Pattern USER_INFO = Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)[^/@\\s]+@");
    private static final Pattern QUERY = Pattern.compile("(?i)(\\b[a-z][a-z0-9+.-]*://[^\\s?#]*)\\?[^\\s#]*");

    private SecretMasking() {}

    static String mask(String text) {
        if (text == null) {
            return null;
        }
        String masked = USER_INFO.matcher(text).replaceAll("$1***@");
        return QUERY.matcher(masked).replaceAll("$1?***");
    }
}
