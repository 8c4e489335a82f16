package org.platewatch.server.platform;

/**
 * A database set-up Platewatch refuses to run on, such as the application connecting as the
 * schema owner. Its message is one line that says what to change; {@code PlatewatchCli} prints
 * just that line, and {@link UnsafeDatabaseSetupFailureAnalyzer} reports it without a stack trace.
 */
public class UnsafeDatabaseSetup extends RuntimeException {

    public UnsafeDatabaseSetup(String reason) {
        super(reason);
    }
}
