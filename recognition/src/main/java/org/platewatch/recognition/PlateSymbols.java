package org.platewatch.recognition;

/** The 36 characters a plate can carry, in a fixed order used by the per-character probability vectors. */
final class PlateSymbols {

    static final String SYMBOLS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    static final int COUNT = SYMBOLS.length();

    private PlateSymbols() {}

    static int index(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= '0' && c <= '9') {
            return 26 + c - '0';
        }
        return -1;
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isLetter(char c) {
        return c >= 'A' && c <= 'Z';
    }
}
