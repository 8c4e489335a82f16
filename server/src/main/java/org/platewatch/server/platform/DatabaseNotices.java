package org.platewatch.server.platform;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Notices between the servers of a cluster, through PostgreSQL {@code LISTEN}/{@code NOTIFY}: every server that
 * listens on a channel gets each notice once, its sender included. A notice is small (an id, never plate text);
 * the receiver reads what it names from the database. Sent inside a transaction, a notice goes out at its commit.
 *
 * <p>One connection of the pool is held for listening, on a thread of its own; when it is lost the listener
 * reconnects after {@code platewatch.cluster.listen-retry}, and notices sent meanwhile are not received (a console
 * misses those live alerts and sees them on its alert list). Only with {@code platewatch.cluster.enabled}.
 */
@Component
public class DatabaseNotices implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DatabaseNotices.class);

    /** What a feature does with a notice; {@code fromHere} is true for this server's own notices. */
    public interface Receiver {
        void received(String payload, boolean fromHere);
    }

    private final Cluster cluster;
    private final ClusterProperties properties;
    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final Map<String, List<Receiver>> receivers = new ConcurrentHashMap<>();
    private volatile boolean running;
    private volatile boolean listening;
    private Thread listener;

    DatabaseNotices(Cluster cluster, ClusterProperties properties, DataSource dataSource, JdbcClient jdbc) {
        this.cluster = cluster;
        this.properties = properties;
        this.dataSource = dataSource;
        this.jdbc = jdbc;
    }

    /** Receives the channel's notices from now on (register before the context starts). */
    public void listen(String channel, Receiver receiver) {
        receivers.computeIfAbsent(channel, c -> new CopyOnWriteArrayList<>()).add(receiver);
    }

    /** Sends a notice to every server listening on the channel (at commit when inside a transaction). */
    public void send(String channel, String payload) {
        jdbc.sql("SELECT pg_notify(?, ?)")
                .param(channel)
                .param(cluster.instanceId() + " " + payload)
                .query((rs, n) -> 1)
                .list();
    }

    /** Whether the listener holds its connection and has issued its LISTENs (tests wait for it). */
    public boolean listening() {
        return listening;
    }

    @Override
    public void start() {
        running = true;
        if (!cluster.enabled()) {
            return;
        }
        listener = new Thread(this::listenLoop, "database-notices");
        listener.setDaemon(true);
        listener.start();
    }

    private void listenLoop() {
        while (running) {
            try (Connection c = dataSource.getConnection()) {
                try (Statement s = c.createStatement()) {
                    for (String channel : receivers.keySet()) {
                        s.execute("LISTEN \"" + channel.replace("\"", "") + "\"");
                    }
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                listening = true;
                while (running) {
                    PGNotification[] notices = pg.getNotifications(500);
                    if (notices != null) {
                        for (PGNotification notice : notices) {
                            deliver(notice.getName(), notice.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                listening = false;
                if (running) {
                    log.warn(
                            "Lost the notice listener's connection ({}); reconnecting",
                            e.getClass().getSimpleName());
                    pause();
                }
            }
        }
        listening = false;
    }

    private void deliver(String channel, String raw) {
        int space = raw.indexOf(' ');
        boolean fromHere = space > 0 && raw.substring(0, space).equals(cluster.instanceId());
        String payload = space < 0 ? raw : raw.substring(space + 1);
        for (Receiver receiver : receivers.getOrDefault(channel, List.of())) {
            try {
                receiver.received(payload, fromHere);
            } catch (RuntimeException e) {
                log.error(
                        "A receiver of channel {} failed: {}",
                        channel,
                        e.getClass().getSimpleName());
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(properties.listenRetry().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void stop() {
        running = false;
        if (listener != null) {
            try {
                listener.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
