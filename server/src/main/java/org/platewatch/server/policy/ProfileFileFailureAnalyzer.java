package org.platewatch.server.policy;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Reports a refused profile file as its one-line reason instead of a stack trace. */
class ProfileFileFailureAnalyzer extends AbstractFailureAnalyzer<ProfileFileException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ProfileFileException cause) {
        return new FailureAnalysis(
                cause.getMessage(),
                "Correct the field named (docs/profiles/README.md describes every field), or start with a shipped"
                        + " profile: --profile NAME.",
                cause);
    }
}
