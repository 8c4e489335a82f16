package org.platewatch.server.platform;

import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** Builds problem+json bodies the same way for the MVC handler and the security filters. */
public final class Problems {

    public static final MediaType PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON;

    private Problems() {}

    public static ProblemDetail detail(ProblemType type, String detail, String field) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(type.status(), detail);
        body.setType(type.uri());
        body.setTitle(type.title());
        if (field != null) {
            body.setProperty("field", field);
        }
        return body;
    }

    public static ResponseEntity<ProblemDetail> response(ProblemType type, String detail, String field) {
        return ResponseEntity.status(type.status()).contentType(PROBLEM_JSON).body(detail(type, detail, field));
    }

    /** The body as JSON text, for filters that write before MVC is reached. */
    public static String json(ProblemType type, String detail) {
        return "{\"type\":\"" + type.uri() + "\",\"title\":\"" + escape(type.title()) + "\",\"status\":"
                + type.status().value() + ",\"detail\":\"" + escape(detail) + "\"}";
    }

    private static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
