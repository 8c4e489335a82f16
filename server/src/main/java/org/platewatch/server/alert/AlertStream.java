package org.platewatch.server.alert;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.platewatch.server.platform.Actor;
import org.platewatch.server.platform.AgencyId;
import org.platewatch.server.platform.AgencyScope;
import org.platewatch.server.platform.HubProperties;
import org.platewatch.server.users.IdleSessionLock;
import org.platewatch.server.users.MemberAccess;
import org.platewatch.server.users.Permission;
import org.platewatch.server.users.UserAccounts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.ObjectMapper;

/**
 * The open alert streams of signed-in consoles. New alerts ({@link AlertRaised}, through {@link AlertRelay}) go to
 * every one of them as
 * server-sent event {@code alert} (data: the alert JSON), changes ({@link AlertUpdated}) as
 * {@code alert-updated}; a comment line every
 * {@code platewatch.alert.heartbeat} keeps proxies from closing the stream and finds dead consoles,
 * which are dropped. Sending happens on one background thread, so a slow console never holds up a
 * camera's upload.
 */
@Component
class AlertStream implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AlertStream.class);

    /** Each open stream and the member it was opened for, oldest first. */
    private final Map<SseEmitter, String> emitters =
            java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>());
    /** The console session a stream rides on, if any: its idle lock ends the stream. */
    private final Map<SseEmitter, jakarta.servlet.http.HttpSession> sessions =
            new java.util.concurrent.ConcurrentHashMap<>();

    private final IdleSessionLock idleLock;
    private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "alert-stream");
        t.setDaemon(true);
        return t;
    });
    private final AlertProperties properties;
    private final ObjectMapper json;
    private final UserAccounts accounts;
    private final MemberAccess access;
    private final HubProperties hub;
    private volatile boolean running;

    AlertStream(
            AlertProperties properties,
            UserAccounts accounts,
            MemberAccess access,
            ObjectMapper json,
            IdleSessionLock idleLock,
            HubProperties hub) {
        this.hub = hub;
        this.properties = properties;
        this.json = json;
        this.accounts = accounts;
        this.access = access;
        this.idleLock = idleLock;
    }

    /**
     * Opens a stream for the member. A member holds at most {@code platewatch.alert.max-streams-per-member}
     * streams: opening one more completes their oldest (a console that reconnected after a network drop leaves
     * its old stream behind until a heartbeat finds it dead). A stream on a console session ends at the first
     * heartbeat or event after the session's idle lock fell ({@code session} null: a bearer token's stream).
     */
    SseEmitter open(Actor member, jakarta.servlet.http.HttpSession session) {
        SseEmitter emitter = new SseEmitter(properties.streamTimeout().toMillis());
        List<SseEmitter> evicted = new ArrayList<>();
        synchronized (emitters) {
            List<SseEmitter> own = emitters.entrySet().stream()
                    .filter(e -> e.getValue().equals(member.username()))
                    .map(Map.Entry::getKey)
                    .toList();
            for (int i = 0; i <= own.size() - properties.maxStreamsPerMember(); i++) {
                evicted.add(own.get(i));
                emitters.remove(own.get(i));
            }
            emitters.put(emitter, member.username());
            if (session != null) {
                sessions.put(emitter, session);
            }
        }
        evicted.forEach(AlertStream::completeQuietly);
        emitter.onCompletion(() -> {
            emitters.remove(emitter);
            sessions.remove(emitter);
        });
        emitter.onTimeout(() -> {
            // Completing here ends the stream cleanly instead of as an AsyncRequestTimeoutException.
            emitters.remove(emitter);
            emitter.complete();
        });
        emitter.onError(e -> emitters.remove(emitter));
        try {
            // Flushes the headers at once, so the console knows the stream is open.
            emitter.send(SseEmitter.event().comment("connected"));
        } catch (IOException e) {
            emitters.remove(emitter);
        }
        log.debug(
                "Alert stream opened for {} ({} open, {} closed as over the cap)",
                member.username(),
                emitters.size(),
                evicted.size());
        return emitter;
    }

    /**
     * A new alert, unless the department records this kind without pushing it (confusable matches). Called by
     * {@link AlertRelay}, on the raising server alone or, in a cluster, on every server.
     */
    void pushRaised(Alert alert) {
        if (properties.pushesLive(alert.matchKind())) {
            publish("alert", alert);
        }
    }

    void pushUpdated(Alert alert) {
        publish("alert-updated", alert);
    }

    int openStreams() {
        return emitters.size();
    }

    private void publish(String name, Alert alert) {
        // Rendered at most twice, as the API renders it, whatever the number of consoles: in full, and for
        // members without CLETS authorisation when the hit is CLETS-derived (CletsScreen).
        String full = json.writeValueAsString(alert);
        String withheld = alert.cletsDerived() ? json.writeValueAsString(CletsScreen.asSeenBy(alert, false)) : full;
        String id = String.valueOf(alert.id());
        // In hub mode an alert goes only to its agency's members: the agency it was raised for, taken on the raising
        // thread (none: nobody, the hub fails closed).
        AgencyId owner = AgencyScope.current().orElse(null);
        execute(() -> {
            Map<String, Boolean> ofOwner = new HashMap<>();
            for (Map.Entry<SseEmitter, Boolean> receiver : mayReceive().entrySet()) {
                if (hub.enabled()
                        && !ofOwner.computeIfAbsent(emitters.get(receiver.getKey()), m -> memberOf(m, owner))) {
                    continue;
                }
                String data = receiver.getValue() ? full : withheld;
                send(receiver.getKey(), SseEmitter.event().name(name).id(id).data(data, MediaType.APPLICATION_JSON));
            }
        });
    }

    @Scheduled(
            fixedDelayString = "${platewatch.alert.heartbeat:15s}",
            initialDelayString = "${platewatch.alert.heartbeat:15s}")
    void heartbeat() {
        execute(() -> {
            for (SseEmitter emitter : mayReceive().keySet()) {
                send(emitter, SseEmitter.event().comment("heartbeat"));
            }
        });
    }

    /**
     * The streams whose member may still see alerts, asked of the database now (once per member): a member
     * disabled, locked, demoted or whose training lapsed since the stream opened gets no more alerts, and
     * their streams are completed; so is a stream whose console session reached its idle lock. Each receiver
     * comes with whether its member is CLETS-authorised now (also asked once per member).
     */
    private Map<SseEmitter, Boolean> mayReceive() {
        Map<SseEmitter, String> open;
        synchronized (emitters) {
            open = new java.util.LinkedHashMap<>(emitters);
        }
        sessions.keySet().removeIf(emitter -> !open.containsKey(emitter)); // streams ended another way
        Map<String, Boolean> allowed = new HashMap<>();
        Map<String, Boolean> cleared = new HashMap<>();
        Map<SseEmitter, Boolean> receivers = new java.util.LinkedHashMap<>();
        for (Map.Entry<SseEmitter, String> e : open.entrySet()) {
            if (idleLock.lapsed(sessions.get(e.getKey()))) {
                log.debug("Alert stream of {} closed: its session's idle lock fell", e.getValue());
                emitters.remove(e.getKey());
                completeQuietly(e.getKey());
            } else if (allowed.computeIfAbsent(e.getValue(), this::mayStillSeeAlerts)) {
                receivers.put(e.getKey(), cleared.computeIfAbsent(e.getValue(), this::cletsAuthorised));
            } else {
                emitters.remove(e.getKey());
                completeQuietly(e.getKey());
            }
        }
        return receivers;
    }

    private boolean memberOf(String username, AgencyId agency) {
        return agency != null
                && username != null
                && accounts.findByUsername(username)
                        .map(account -> account.agency().equals(agency))
                        .orElse(false);
    }

    private boolean mayStillSeeAlerts(String username) {
        try {
            boolean may = accounts.findByUsername(username)
                    .map(account ->
                            access.refusal(account, Permission.ACT_ON_ALERTS).isEmpty())
                    .orElse(false);
            if (!may) {
                log.info("Alert streams of {} closed: the member may no longer see alerts", username);
            }
            return may;
        } catch (RuntimeException e) {
            log.warn(
                    "Alert streams of {} closed: access could not be checked ({})",
                    username,
                    e.getClass().getSimpleName());
            return false; // fail closed
        }
    }

    private boolean cletsAuthorised(String username) {
        try {
            return accounts.findByUsername(username)
                    .map(account ->
                            access.refusal(account, Permission.QUERY_CLETS).isEmpty())
                    .orElse(false);
        } catch (RuntimeException e) {
            return false; // fail closed: the member gets the withheld copy
        }
    }

    private static void completeQuietly(SseEmitter emitter) {
        try {
            emitter.complete();
        } catch (RuntimeException ignored) {
            // already completed
        }
    }

    private void execute(Runnable task) {
        if (!sender.isShutdown()) {
            try {
                sender.execute(task);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // shutting down: the streams are being completed
            }
        }
    }

    private void send(SseEmitter emitter, SseEmitter.SseEventBuilder event) {
        try {
            emitter.send(event);
        } catch (IOException | IllegalStateException e) {
            emitters.remove(emitter); // the console went away
            completeQuietly(emitter);
        }
    }

    /**
     * Streams never end by themselves, so on shutdown they are completed first (the highest phase
     * stops first); otherwise the web server's graceful shutdown would wait its whole timeout for them.
     */
    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        List<SseEmitter> open;
        synchronized (emitters) {
            open = new ArrayList<>(emitters.keySet());
            emitters.clear();
        }
        open.forEach(AlertStream::completeQuietly);
        sender.shutdown();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }
}
