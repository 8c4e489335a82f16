package org.platewatch.edge;

import java.util.List;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Sends the journal to the server: a batch of reads to {@code POST /api/v1/reads} (the read id makes a
 * re-sent read a duplicate, never a second read), then each acknowledged read's image to
 * {@code PUT /api/v1/reads/{id}/image}. A read leaves the journal only after the server acknowledged it
 * (and its image); a crash anywhere in between re-sends, and the server counts the re-sent ones as
 * duplicates.
 *
 * <p>A batch the server refuses names the read at fault ({@code reads[3].capturedAt}): that read is set
 * aside as refused, with the server's reason, and the rest go on. A refusal that names no read halves the
 * batch until it does, or until one read is left.
 */
final class Uploader {

    private static final Logger log = Logger.getLogger(Uploader.class.getName());

    private final Journal journal;
    private final ServerClient server;
    private final int maxBatch;
    private int batch;

    Uploader(Journal journal, ServerClient server, int maxBatch) {
        this.journal = journal;
        this.server = server;
        this.maxBatch = maxBatch;
        this.batch = maxBatch;
    }

    /** What one round did. */
    enum Round {
        /** Something was acknowledged or set aside: go on at once. */
        PROGRESS,
        /** Nothing waits. */
        IDLE,
        /** The server is not answering usefully: back off. */
        UNAVAILABLE
    }

    Round round() {
        List<JournalRead> reads = journal.nextBatch(batch);
        if (!reads.isEmpty()) {
            return sendReads(reads);
        }
        List<JournalRead> images = journal.imagesToSend(maxBatch);
        for (JournalRead r : images) {
            switch (server.uploadImage(r.readId(), r.jpeg())) {
                case STORED -> journal.imageAcknowledged(r.readId());
                case REFUSED -> {
                    log.warning("The server refused the image of read " + r.readId() + "; it has the read");
                    journal.refused(r.readId(), "the server has the read but refused its image");
                }
                case UNAVAILABLE -> {
                    return Round.UNAVAILABLE;
                }
            }
        }
        return images.isEmpty() ? Round.IDLE : Round.PROGRESS;
    }

    private Round sendReads(List<JournalRead> reads) {
        ServerClient.Upload answer = server.uploadReads(reads);
        if (answer instanceof ServerClient.Acknowledged a) {
            if (a.accepted() + a.duplicates() != reads.size()) {
                log.warning("The server acknowledged " + (a.accepted() + a.duplicates()) + " of " + reads.size()
                        + " reads; the batch will be sent again");
                return Round.UNAVAILABLE;
            }
            journal.readsAcknowledged(reads.stream().map(JournalRead::readId).toList());
            batch = Math.min(maxBatch, batch * 2);
            return Round.PROGRESS;
        }
        if (answer instanceof ServerClient.Refused r) {
            if (r.readIndex() >= 0 && r.readIndex() < reads.size()) {
                setAside(reads.get(r.readIndex()).readId(), r);
            } else if (reads.size() > 1) {
                batch = Math.max(1, reads.size() / 2);
            } else {
                setAside(reads.get(0).readId(), r);
            }
            return Round.PROGRESS;
        }
        return Round.UNAVAILABLE;
    }

    private void setAside(UUID readId, ServerClient.Refused r) {
        // The server's detail names fields and limits, never plate text; it is kept with the row.
        log.warning("The server refused read " + readId + " (HTTP " + r.status() + "); it stays in the journal");
        journal.refused(readId, "HTTP " + r.status() + ": " + r.detail());
    }
}
