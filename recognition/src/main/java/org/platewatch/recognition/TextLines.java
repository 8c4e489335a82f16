package org.platewatch.recognition;

import java.util.ArrayList;
import java.util.List;

/** Joining text boxes that the detector split but that belong to one line of a plate. */
final class TextLines {

    private TextLines() {}

    /**
     * Every box as found, plus, where a box has neighbours on the same line, the joined line.
     * Plates often have a gap, a dash or an emblem between character groups; the detector then
     * returns the groups separately and neither alone reads as a plate.
     */
    @SuppressWarnings("ReferenceEquality") // j != b: joinNeighbours returns the box itself when it joined nothing
    static List<TextBox> withJoinedLines(List<TextBox> boxes) {
        List<TextBox> out = new ArrayList<>(boxes);
        for (TextBox b : boxes) {
            TextBox j = joinNeighbours(b, boxes);
            if (j != b && out.stream().noneMatch(o -> same(o, j))) {
                out.add(j);
            }
        }
        return out;
    }

    private static boolean same(TextBox a, TextBox b) {
        return Math.abs(a.x() - b.x()) < 1
                && Math.abs(a.y() - b.y()) < 1
                && Math.abs(a.w() - b.w()) < 1
                && Math.abs(a.h() - b.h()) < 1;
    }

    @SuppressWarnings("ReferenceEquality") // o == line skips the line itself, not an equal box beside it
    static TextBox joinNeighbours(TextBox line, List<TextBox> lines) {
        TextBox joined = line;
        boolean grew = true;
        while (grew) {
            grew = false;
            for (TextBox o : lines) {
                if (o == line || !sameLine(joined, o)) {
                    continue;
                }
                double x0 = Math.min(joined.x(), o.x());
                double x1 = Math.max(joined.x() + joined.w(), o.x() + o.w());
                if (x1 - x0 > joined.w() + 0.5) {
                    double y0 = Math.min(joined.y(), o.y());
                    double y1 = Math.max(joined.y() + joined.h(), o.y() + o.h());
                    joined = new TextBox(x0, y0, x1 - x0, y1 - y0, Math.max(joined.score(), o.score()));
                    grew = true;
                }
            }
        }
        return joined;
    }

    /** Similar height, mostly overlapping vertically, and a horizontal gap of at most about one character. */
    static boolean sameLine(TextBox a, TextBox b) {
        double ratio = b.h() / a.h();
        if (ratio < 0.6 || ratio > 1.5) {
            return false;
        }
        double overlapY = Math.min(a.y() + a.h(), b.y() + b.h()) - Math.max(a.y(), b.y());
        if (overlapY < 0.6 * Math.min(a.h(), b.h())) {
            return false;
        }
        double gap = Math.max(b.x() - (a.x() + a.w()), a.x() - (b.x() + b.w()));
        return gap < 0.8 * a.h();
    }
}
