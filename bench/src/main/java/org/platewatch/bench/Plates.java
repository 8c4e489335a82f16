package org.platewatch.bench;

import java.util.SplittableRandom;

/**
 * Plate text for the search benchmark: mostly California's current layout ({@code 7ABC123}), some older and
 * out-of-state layouts ({@code ABC1234}, six characters), and the recognition noise of a real camera (one
 * character read as another of its confusable class). A plate's state and vehicle follow from its text, so
 * every read of one plate agrees on them.
 */
final class Plates {

    /** California's sequential plates skip I, O and Q; a read that shows one is a misread. */
    private static final String LETTERS = "ABCDEFGHJKLMNPRSTUVWXYZ";
    /** The confusable classes of plate-core's matcher: a camera reads one member as another. */
    private static final String[] CONFUSABLE = {"0ODQ", "1IL", "8B", "5S", "2Z", "6G"};

    private static final String[] MAKES = {"Toyota", "Honda", "Ford", "Chevrolet", "Nissan", "Tesla", "Subaru", "BMW"};
    private static final String[][] MODELS = {
        {"Camry", "Corolla", "RAV4", "Prius"},
        {"Civic", "Accord", "CR-V"},
        {"F-150", "Escape", "Focus"},
        {"Silverado", "Malibu", "Equinox"},
        {"Altima", "Sentra", "Rogue"},
        {"Model 3", "Model Y"},
        {"Outback", "Forester"},
        {"3 Series", "X3"}
    };
    private static final String[] COLOURS = {"white", "black", "silver", "gray", "blue", "red", "green"};
    private static final String[] TYPES = {"sedan", "suv", "pickup", "hatchback"};

    record Vehicle(String make, String model, String color, String type) {}

    private Plates() {}

    static String random(SplittableRandom r) {
        double layout = r.nextDouble();
        StringBuilder p = new StringBuilder(7);
        if (layout < 0.8) {
            // the leading digit counts up as the state issues plates: mostly 5-9 on the road today
            p.append((char) (r.nextInt(10) < 9 ? '5' + r.nextInt(5) : '1' + r.nextInt(4)));
            letters(p, 3, r);
            digits(p, 3, r);
        } else if (layout < 0.9) {
            letters(p, 3, r);
            digits(p, 4, r);
        } else if (layout < 0.95) {
            letters(p, 3, r);
            digits(p, 3, r);
        } else {
            digits(p, 3, r);
            letters(p, 3, r);
        }
        return p.toString();
    }

    /** The plate as a camera might misread it: one character swapped for another of its confusable class. */
    static String misread(String plate, SplittableRandom r) {
        int start = r.nextInt(plate.length());
        for (int k = 0; k < plate.length(); k++) {
            int i = (start + k) % plate.length();
            for (String cls : CONFUSABLE) {
                int at = cls.indexOf(plate.charAt(i));
                if (at >= 0) {
                    char other = cls.charAt((at + 1 + r.nextInt(cls.length() - 1)) % cls.length());
                    return plate.substring(0, i) + other + plate.substring(i + 1);
                }
            }
        }
        return plate;
    }

    /** Mostly CA; some neighbours'; some reads whose state the camera could not tell. */
    static String state(String plate) {
        int h = Math.floorMod(plate.hashCode() * 31 + 7, 100);
        if (h < 85) {
            return "CA";
        }
        if (h < 89) {
            return "NV";
        }
        if (h < 92) {
            return "OR";
        }
        return h < 95 ? "AZ" : null;
    }

    static Vehicle vehicle(String plate) {
        SplittableRandom r = new SplittableRandom(plate.hashCode());
        int make = r.nextInt(MAKES.length);
        String[] models = MODELS[make];
        return new Vehicle(
                MAKES[make],
                models[r.nextInt(models.length)],
                COLOURS[r.nextInt(COLOURS.length)],
                TYPES[r.nextInt(TYPES.length)]);
    }

    private static void letters(StringBuilder p, int n, SplittableRandom r) {
        for (int i = 0; i < n; i++) {
            p.append(LETTERS.charAt(r.nextInt(LETTERS.length())));
        }
    }

    private static void digits(StringBuilder p, int n, SplittableRandom r) {
        for (int i = 0; i < n; i++) {
            p.append((char) ('0' + r.nextInt(10)));
        }
    }
}
