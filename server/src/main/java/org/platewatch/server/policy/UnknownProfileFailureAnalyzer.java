package org.platewatch.server.policy;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports {@code platewatch.policy.profile} naming no shipped profile (set in the environment or a properties file:
 * {@code serve --profile} refuses a wrong name before the server starts) as its one line instead of the web server's
 * start failure wrapped around it.
 */
class UnknownProfileFailureAnalyzer extends AbstractFailureAnalyzer<UnknownPolicyProfileException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, UnknownPolicyProfileException cause) {
        return new FailureAnalysis(
                cause.getMessage(),
                "Name a shipped profile, or give a YAML profile file (docs/profiles/README.md).",
                cause);
    }
}
