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
    void theMigrationsIndexTheSameExpression() throws IOException {
        String indexed = DetectionFilter.CANONICAL_PLATE.replace("d.plate", "plate");
        assertThat(migration("search/V35__searches.sql")).contains("gin (" + indexed + " gin_trgm_ops)");
        String ranges = migration("search/V36__plate_prefix_and_suffix_indexes.sql");
        assertThat(ranges).contains("ON detections (" + indexed + " text_pattern_ops)");
        assertThat(ranges).contains("ON detections (reverse(" + indexed + ") text_pattern_ops)");
    }

    @Test
    void aPrefixRangeEndsJustAfterEveryPlateThatStartsWithIt() {
        assertThat(DetectionFilter.literalPrefix("7A8*12")).isEqualTo("7A8");
        assertThat(DetectionFilter.literalPrefix("?A8")).isEmpty();
        assertThat(DetectionFilter.successor("7A8")).isEqualTo("7A9");
        assertThat(DetectionFilter.successor("7AZ")).isEqualTo("7A[");
        assertThat("7A8ZZZZ").isGreaterThan("7A8").isLessThan(DetectionFilter.successor("7A8"));
    }

    private String migration(String path) throws IOException {
        return new String(
                Objects.requireNonNull(getClass().getResourceAsStream("/db/migration/" + path))
                        .readAllBytes(),
                StandardCharsets.UTF_8);
    }
}
