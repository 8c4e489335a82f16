package org.platewatch.edge;

import java.util.List;
import org.platewatch.recognition.PlateCandidate;
import org.platewatch.recognition.Recognizer;
import org.platewatch.recognition.UnreadableImageException;

/** Reads plates from an image: the recognition module, or a stand-in in tests. */
interface PlateReader extends AutoCloseable {

    /**
     * The plate candidates in the image, best first.
     *
     * @throws UnreadableImageException when the bytes are not an image that can be decoded
     */
    List<PlateCandidate> read(byte[] jpeg);

    @Override
    default void close() {}

    /** The recognition module, as {@code bin/platewatch recognize} runs it; models load on first use. */
    static PlateReader recognition() {
        return new PlateReader() {
            private Recognizer recognizer;

            @Override
            public synchronized List<PlateCandidate> read(byte[] jpeg) {
                if (recognizer == null) {
                    recognizer = new Recognizer();
                }
                return recognizer.recognize(Recognizer.decode(jpeg));
            }

            @Override
            public synchronized void close() {
                if (recognizer != null) {
                    recognizer.close();
                }
            }
        };
    }
}
