package org.platewatch.server.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.platewatch.plate.hotlist.ConfusableCharacters;

/**
 * The SQL expression that look-alike search and its index use must map every plate character exactly as the
 * hot-list matcher's {@link ConfusableCharacters} does, and the migration must index that same expression, or a
 * look-alike search would silently miss reads (or scan the table).
 */
class CanonicalPlateIndexTest {

    @Test
    void theTranslateExpressionMapsEveryCharacterAsTheMatcherDoes() {
        String expression = DetectionFilter.CANONICAL_PLATE;
        String[] parts = expression.split("'");
        String from = parts[1];
        String to = parts[3];
        assertThat(from).hasSameSizeAs(to);
        for (char c : "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".toCharArray()) {
            int i = from.indexOf(c);
            char translated = i < 0 ? c : to.charAt(i);
            assertThat(translated).as("%s", c).isEqualTo(ConfusableCharacters.canonical(c));
        }
    }

    @Test
    void theMigrationIndexesTheSameExpression() throws IOException {
        String migration = new String(
                Objects.requireNonNull(getClass().getResourceAsStream("/db/migration/search/V35__searches.sql"))
                        .readAllBytes(),
                StandardCharsets.UTF_8);
        String indexed = DetectionFilter.CANONICAL_PLATE.replace("d.plate", "plate");
        assertThat(migration).contains("ON detections (" + indexed + ")");
        assertThat(migration).contains("gin (" + indexed + " gin_trgm_ops)");
    }
}
