package org.platewatch.server.platform;

/**
 * A failure the caller can act on, rendered as RFC 9457 problem+json. {@code field} names the part
 * of the request at fault (for example {@code reads[3].latitude}) when there is one.
 */
public class ProblemException extends RuntimeException {

    private final transient ProblemType type;
    private final String field;

    public ProblemException(ProblemType type, String detail) {
        this(type, null, detail);
    }

    public ProblemException(ProblemType type, String field, String detail) {
        super(detail);
        this.type = type;
        this.field = field;
    }

    public static ProblemException invalid(String field, String detail) {
        return new ProblemException(ProblemType.INVALID_FIELD, field, field + ": " + detail);
    }

    public ProblemType type() {
        return type;
    }

    public String field() {
        return field;
    }
}
