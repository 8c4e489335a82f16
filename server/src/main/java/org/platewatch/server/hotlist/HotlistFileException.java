package org.platewatch.server.hotlist;

/**
 * A list file that cannot be loaded; {@code line} is 1-based, 0 when the fault is not on one line.
 * The reason names the line, the column and the fault, never what the file holds there: the message
 * becomes the list's {@code lastError}, which every member sees, and a list's content is hot-list data.
 */
class HotlistFileException extends RuntimeException {

    private final int line;
    private final String reason;

    HotlistFileException(int line, String reason) {
        super(line > 0 ? "line " + line + ": " + reason : reason);
        this.line = line;
        this.reason = reason;
    }

    int line() {
        return line;
    }

    String reason() {
        return reason;
    }
}
