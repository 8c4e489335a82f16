package org.platewatch.server.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Synthetic plates with a realistic mix: mostly current California format (digit, three letters,
 * three digits), some older and neighbouring-state plates. Seeded, so every demo looks the same.
 */
final class DemoPlates {

    record DemoPlate(String plate, String state) {}

    private static final String LETTERS = "ABCDEFGHJKLMNPRSTUVWXYZ";

    private DemoPlates() {}

    static List<DemoPlate> generate(Random random, int count) {
        List<DemoPlate> plates = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int kind = random.nextInt(100);
            if (kind < 85) {
                plates.add(new DemoPlate(random.nextInt(1, 10) + letters(random, 3) + digits(random, 3), "CA"));
            } else if (kind < 92) {
                plates.add(new DemoPlate(digits(random, 3) + letters(random, 3), "NV"));
            } else if (kind < 97) {
                plates.add(new DemoPlate(digits(random, 3) + letters(random, 3), "OR"));
            } else {
                plates.add(new DemoPlate(letters(random, 3) + digits(random, 4), "TX"));
            }
        }
        return plates;
    }

    private static String letters(Random random, int n) {
        StringBuilder s = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            s.append(LETTERS.charAt(random.nextInt(LETTERS.length())));
        }
        return s.toString();
    }

    private static String digits(Random random, int n) {
        StringBuilder s = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            s.append(random.nextInt(10));
        }
        return s.toString();
    }
}
