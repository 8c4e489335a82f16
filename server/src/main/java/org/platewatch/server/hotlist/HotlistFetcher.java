package org.platewatch.server.hotlist;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.platewatch.server.platform.Actor;
import org.platewatch.server.platform.AgencyId;
import org.platewatch.server.platform.AgencyScope;
import org.platewatch.server.platform.ClusterJobs;
import org.platewatch.server.platform.ProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Downloads every external list that has a location, on the schedule of
 * {@code platewatch.hotlist.fetch-interval} (at most daily), and imports it through the same path as
 * an upload. A location is an https URL, a file, or a directory inside the source directory
 * ({@link HotlistSources}): then the newest file whose name starts with the list's code
 * ({@code svs.tbl}, {@code svs-20260407.tbl}, ...). A download may take at most
 * {@code fetch-timeout} and hold at most {@code max-download-size}. A failed download or a
 * rejected file leaves the list in force and shows in the list's {@code lastError} and, once the list
 * passes its maximum age, in the health endpoint.
 */
@Component
class HotlistFetcher {

    private static final Logger log = LoggerFactory.getLogger(HotlistFetcher.class);

    private final Hotlists hotlists;
    private final HotlistImports imports;
    private final HotlistProperties properties;
    private final HttpClient http;
    private final Clock clock;
    private final HotlistSources sources;
    private final ClusterJobs jobs;

    HotlistFetcher(
            Hotlists hotlists,
            HotlistImports imports,
            HotlistProperties properties,
            Clock clock,
            HotlistSources sources,
            ClusterJobs jobs) {
        this.jobs = jobs;
        this.sources = sources;
        this.imports = imports;
        this.hotlists = hotlists;
        this.clock = clock;
        this.properties = properties;
        this.http = HttpClient.newBuilder()
                .connectTimeout(properties.fetchTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    /** The scheduled download: once per {@code fetch-interval} across the servers of a cluster. */
    @Scheduled(
            fixedDelayString = "${platewatch.hotlist.fetch-interval:1h}",
            initialDelayString = "${platewatch.hotlist.fetch-initial-delay:1m}")
    void scheduledFetch() {
        jobs.runOncePer("hotlist-fetch", properties.fetchInterval(), this::fetchAll);
    }

    void fetchAll() {
        // The designated lists are the hub's, which the home agency maintains (in hub mode the database lets no
        // one else write them, V79); outside hub mode this changes nothing.
        AgencyScope.actingFor(AgencyId.HOME, this::fetchEach);
    }

    private void fetchEach() {
        for (Hotlist list : hotlists.all()) {
            if (list.active() && list.external() && list.location() != null) {
                try {
                    fetch(list);
                } catch (RuntimeException e) {
                    // One list's failure must not skip the lists after it; the message may quote list data.
                    log.error(
                            "Fetch of hot list {} failed ({}); the next lists are fetched all the same",
                            list.id(),
                            e.getClass().getName());
                }
            }
        }
    }

    /** Fetches and imports one list; true when a new list is in force. */
    boolean fetch(Hotlist list) {
        byte[] content;
        try {
            content = download(list);
        } catch (IOException | RuntimeException e) {
            String reason = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            log.warn(
                    "Download of hot list {} failed ({}); the list in force stays",
                    list.id(),
                    e.getClass().getSimpleName());
            imports.recordFetchFailure(list.id(), reason);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        try {
            imports.importFile(list.id(), content, Actor.SYSTEM);
            return true;
        } catch (ProblemException e) {
            return false; // recorded and audited by the import
        }
    }

    private byte[] download(Hotlist list) throws IOException, InterruptedException {
        String location = list.location();
        if (HotlistSources.isUrl(location)) {
            return LimitedDownload.get(
                    http,
                    URI.create(location),
                    properties.fetchTimeout(),
                    properties.maxDownloadSize().toBytes());
        }
        // Checked again at each fetch: a link inside the directory may have been changed since designation.
        Path path = sources.inside(Path.of(location));
        if (Files.isDirectory(path)) {
            path = sources.inside(newestFile(path, list.code(), clock.instant().minus(properties.fetchSettleTime()))
                    .orElseThrow(() -> new IOException("no file starting with '" + list.code()
                            + "' in the directory that was last modified over " + properties.fetchSettleTime()
                            + " ago")));
        }
        if (Files.size(path) > properties.maxDownloadSize().toBytes()) {
            throw new IOException("the file is larger than platewatch.hotlist.max-download-size ("
                    + properties.maxDownloadSize().toMegabytes() + " MB)");
        }
        return Files.readAllBytes(path);
    }

    /** The newest file for the list modified before {@code settledBefore}: a newer one may still be being written. */
    private static Optional<Path> newestFile(Path directory, String code, Instant settledBefore) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(Files::isRegularFile)
                    .filter(p ->
                            p.getFileName().toString().toLowerCase(Locale.ROOT).startsWith(code))
                    .filter(p -> modified(p).toInstant().isBefore(settledBefore))
                    .max(Comparator.comparing(HotlistFetcher::modified));
        }
    }

    private static FileTime modified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }
}
