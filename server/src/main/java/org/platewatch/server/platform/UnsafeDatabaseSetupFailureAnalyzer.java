package org.platewatch.server.platform;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Reports a refused database set-up as its one-line reason instead of a stack trace. */
class UnsafeDatabaseSetupFailureAnalyzer extends AbstractFailureAnalyzer<UnsafeDatabaseSetup> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, UnsafeDatabaseSetup cause) {
        return new FailureAnalysis(
                cause.getMessage(),
                "Create a separate application role and set PLATEWATCH_DB_APP_USER and PLATEWATCH_DB_APP_PASSWORD.",
                cause);
    }
}
