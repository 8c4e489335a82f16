package org.platewatch.server.hotlist;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import org.platewatch.server.platform.ProblemException;
import org.springframework.stereotype.Component;

/**
 * Where a list may be fetched from: an {@code https://} URL (a list is law-enforcement data, and a
 * plain-HTTP download can be read or replaced on the way), or a file or directory inside the one
 * configured {@code platewatch.hotlist.source-dir} (never any path the server can read: the key
 * file, the database's data directory). Plain {@code http://} is accepted for a loopback host only,
 * where nothing travels over a network (a local relay, the tests). Checked when a list is designated,
 * and again before each read of a file, since a symbolic link may be changed afterwards.
 */
@Component
class HotlistSources {

    private final HotlistProperties properties;

    HotlistSources(HotlistProperties properties) {
        this.properties = properties;
    }

    /** The location as it will be stored; refuses anything but the above, naming {@code location}. */
    String check(String location) {
        if (location.regionMatches(true, 0, "https://", 0, 8) || location.regionMatches(true, 0, "http://", 0, 7)) {
            return url(location);
        }
        try {
            inside(Path.of(location));
        } catch (IOException | InvalidPathException e) {
            throw ProblemException.invalid("location", e.getMessage());
        }
        return location;
    }

    static boolean isUrl(String location) {
        String l = location.toLowerCase(Locale.ROOT);
        return l.startsWith("https://") || l.startsWith("http://");
    }

    private static String url(String location) {
        URI uri;
        try {
            uri = new URI(location);
        } catch (URISyntaxException e) {
            throw ProblemException.invalid("location", "is not a valid URL");
        }
        if (uri.getHost() == null) {
            throw ProblemException.invalid("location", "a URL needs a host name");
        }
        if ("http".equalsIgnoreCase(uri.getScheme()) && !loopback(uri.getHost())) {
            throw ProblemException.invalid(
                    "location",
                    "lists are fetched over https:// only "
                            + "(plain http:// only from this machine's loopback address)");
        }
        return location;
    }

    private static boolean loopback(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        // A literal address only: resolving a name here would trust whatever DNS answers.
        if (!h.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':')) {
            return false;
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /**
     * The real path of a file location inside the source directory; refuses one outside it, one with
     * a {@code ..} step, and one whose symbolic links lead out of it.
     */
    Path inside(Path location) throws IOException {
        Path dir = properties.sourceDir();
        if (dir == null) {
            throw new IOException("file locations need platewatch.hotlist.source-dir; lists are otherwise fetched "
                    + "over https:// only");
        }
        if (!location.isAbsolute()) {
            throw new IOException("a file location is an absolute path inside " + dir);
        }
        for (Path step : location) {
            if (step.toString().equals("..")) {
                throw new IOException("a file location may not contain '..'");
            }
        }
        if (!Files.isDirectory(dir)) {
            throw new IOException("the source directory " + dir + " (platewatch.hotlist.source-dir) does not exist");
        }
        Path real = realPath(location);
        if (!real.startsWith(dir.toRealPath())) {
            throw new IOException("a file location must lie inside " + dir + " (platewatch.hotlist.source-dir)");
        }
        return real;
    }

    /** The real path of the longest part that exists, and the rest as given: a list file may come later. */
    private static Path realPath(Path location) throws IOException {
        Path existing = location;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        return existing == null ? location : existing.toRealPath().resolve(existing.relativize(location));
    }
}
