package org.platewatch.server.support;

import static org.assertj.core.api.Assertions.assertThat;

import tools.jackson.databind.JsonNode;

/** What every answer to a fuzzed request must be, whatever the input. */
public final class FuzzChecks {

    private FuzzChecks() {}

    /**
     * Never a 5xx; a refusal (4xx) is problem+json with a Platewatch problem {@code type} and a
     * {@code detail}, names the {@code field} when the fault is a field's, and carries no stack trace.
     *
     * @return whether the request was refused
     */
    public static boolean refusedCleanly(Api.Response response) {
        assertThat(response.status()).as("status, answer: %s", response.body()).isBetween(200, 499);
        assertThat(response.status() / 100)
                .as("status, answer: %s", response.body())
                .isNotEqualTo(3);
        if (response.status() < 400) {
            return false;
        }
        assertThat(response.isProblem())
                .as("a %d is problem+json, not %s: %s", response.status(), response.contentType(), response.body())
                .isTrue();
        JsonNode problem = response.json();
        assertThat(problem.path("type").asString("")).as(response.body()).startsWith("urn:platewatch:problem:");
        assertThat(problem.path("detail").asString("")).as(response.body()).isNotBlank();
        assertThat(problem.has("trace")).as(response.body()).isFalse();
        if (problem.path("type").asString("").endsWith(":invalid-field")) {
            assertThat(problem.path("field").asString(""))
                    .as("an invalid field is named: %s", response.body())
                    .isNotBlank();
        }
        return true;
    }
}
