package org.platewatch.server.alert;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.platewatch.server.platform.Actor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The open alert streams of signed-in consoles. New alerts go to every one of them as server-sent
 * event {@code alert} (data: the alert JSON), changes as {@code alert-updated}; a comment line every
 * {@code platewatch.alert.heartbeat} keeps proxies from closing the stream and finds dead consoles,
 * which are dropped. Sending happens on one background thread, so a slow console never holds up a
 * camera's upload.
 */
@Component
class AlertStream implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AlertStream.class);

    private final Set<SseEmitter> emitters = ConcurrentHashMap.newKeySet();
    private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "alert-stream");
        t.setDaemon(true);
        return t;
    });
    private final AlertProperties properties;
    private volatile boolean running;

    AlertStream(AlertProperties properties) {
        this.properties = properties;
    }

    SseEmitter open(Actor member) {
        SseEmitter emitter = new SseEmitter(properties.streamTimeout().toMillis());
        emitters.add(emitter);
        emitter.onCompletion(() -> emitters.remove(emitter));
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
        log.debug("Alert stream opened for {} ({} open)", member.username(), emitters.size());
        return emitter;
    }

    void publishRaised(Map<String, Object> alert) {
        publish("alert", alert);
    }

    void publishUpdated(Map<String, Object> alert) {
        publish("alert-updated", alert);
    }

    int openStreams() {
        return emitters.size();
    }

    private void publish(String name, Map<String, Object> alert) {
        String json = AlertJson.JSON.writeValueAsString(alert);
        String id = String.valueOf(alert.get("id"));
        execute(() -> {
            for (SseEmitter emitter : emitters) {
                send(emitter, SseEmitter.event().name(name).id(id).data(json, MediaType.APPLICATION_JSON));
            }
        });
    }

    @Scheduled(fixedDelayString = "${platewatch.alert.heartbeat:15s}", initialDelayString = "${platewatch.alert.heartbeat:15s}")
    void heartbeat() {
        execute(() -> {
            for (SseEmitter emitter : emitters) {
                send(emitter, SseEmitter.event().comment("heartbeat"));
            }
        });
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
            try {
                emitter.complete();
            } catch (RuntimeException ignored) {
                // already completed
            }
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
        for (SseEmitter emitter : emitters) {
            try {
                emitter.complete();
            } catch (RuntimeException ignored) {
                // already completed
            }
        }
        emitters.clear();
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
