package org.platewatch.server.platform;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the server keeps its state and which database it uses.
 *
 * @param dataDir   the data directory: embedded database, images, demo credentials ({@code PLATEWATCH_DATA_DIR})
 * @param demo      seed a demo department on start ({@code serve --demo})
 * @param db        the database: embedded unless a URL is given
 */
@ConfigurationProperties(prefix = "platewatch")
public record PlatewatchProperties(
        @DefaultValue("./data") Path dataDir,
        @DefaultValue("false") boolean demo,
        @DefaultValue Database db) {

    /**
     * @param url         JDBC URL of an external PostgreSQL ({@code PLATEWATCH_DB_URL}); blank starts the embedded server
     * @param user        the role that owns the schema and runs migrations ({@code PLATEWATCH_DB_USER})
     * @param password    its password ({@code PLATEWATCH_DB_PASSWORD})
     * @param appUser     the role the application runs as; it may insert audit rows but never change them.
     *                    Blank means {@code platewatch_app} for the embedded server and "the same as user" for an
     *                    external one (the audit trigger still refuses edits then).
     * @param appPassword its password
     * @param poolSize    connections in the application pool
     */
    public record Database(
            String url,
            @DefaultValue("postgres") String user,
            String password,
            String appUser,
            String appPassword,
            @DefaultValue("10") int poolSize) {

        static final String EMBEDDED_APP_USER = "platewatch_app";

        public boolean external() {
            return url != null && !url.isBlank();
        }
    }
}
