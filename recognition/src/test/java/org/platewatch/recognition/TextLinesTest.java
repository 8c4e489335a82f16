package org.platewatch.recognition;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextLinesTest {

    @Test
    void groupsSplitByAGapAreJoinedIntoOneLine() {
        TextBox left = new TextBox(100, 50, 40, 20, 0.9);
        TextBox right = new TextBox(150, 51, 45, 20, 0.9);
        List<TextBox> out = TextLines.withJoinedLines(List.of(left, right));
        assertThat(out).hasSize(3);
        TextBox joined = out.get(2);
        assertThat(joined.x()).isEqualTo(100);
        assertThat(joined.w()).isEqualTo(95);
    }

    @Test
    void textOnAnotherLineOrOfAnotherSizeIsNotJoined() {
        TextBox chars = new TextBox(100, 50, 80, 20, 0.9);
        TextBox stateName = new TextBox(110, 35, 60, 8, 0.9);
        TextBox farAway = new TextBox(400, 50, 80, 20, 0.9);
        assertThat(TextLines.withJoinedLines(List.of(chars, stateName, farAway)))
                .hasSize(3);
    }
}
