package org.platewatch.edge;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The officer's alert screen: a small page on the unit's loopback address (the in-car screen's browser),
 * which asks for new alerts every second and sounds a tone for each (Web Audio, no sound file). It is bound
 * to 127.0.0.1 only and serves no image: it shows what the officer needs to look at the car in front.
 */
final class AlertPage implements AutoCloseable {

    private static final String PAGE = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>Platewatch edge: alerts</title>
            <style>
            body{font-family:sans-serif;background:#111;color:#eee;margin:1rem}
            h1{font-size:1.2rem;color:#aaa} .alert{border:3px solid #d33;border-radius:8px;padding:.8rem;margin:.6rem 0}
            .plate{font-size:2.4rem;font-weight:bold;letter-spacing:.2rem} .verify{border-color:#e90}
            .meta{color:#bbb} #sound{font-size:1rem;padding:.4rem 1rem}
            </style></head><body>
            <h1>Platewatch edge: hot-list hits on this unit</h1>
            <button id="sound">Sound on</button>
            <div id="alerts"><p class="meta">No hit yet.</p></div>
            <script src="/alerts.js"></script>
            </body></html>
            """;

    private static final String SCRIPT = """
            let last = 0, audio = null;
            document.getElementById('sound').onclick = () => { audio = new AudioContext(); };
            function beep() {
              if (!audio) return;
              const o = audio.createOscillator(), g = audio.createGain();
              o.frequency.value = 880; o.connect(g); g.connect(audio.destination);
              g.gain.setValueAtTime(0.4, audio.currentTime); o.start();
              o.stop(audio.currentTime + 0.6);
            }
            function show(a) {
              const d = document.createElement('div');
              d.className = 'alert' + (a.plainHit ? '' : ' verify');
              const p = document.createElement('div'); p.className = 'plate';
              p.textContent = a.plate + (a.state ? ' (' + a.state + ')' : '');
              const m = document.createElement('div'); m.className = 'meta';
              m.textContent = 'list ' + a.list + ', reason ' + a.reason + ', ' + a.kind
                + (a.plainHit ? '' : ': verify before acting') + ', at ' + a.capturedAt;
              d.append(p, m);
              const box = document.getElementById('alerts');
              if (last === 0) box.textContent = '';
              box.prepend(d);
            }
            async function poll() {
              try {
                const r = await fetch('/alerts.json?after=' + last);
                const list = await r.json();
                list.reverse().forEach(a => { show(a); beep(); last = Math.max(last, a.sequence); });
              } catch (e) { /* the agent restarted; try again */ }
              setTimeout(poll, 1000);
            }
            poll();
            """;

    private final HttpServer server;

    AlertPage(LocalAlerts alerts, int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/", ex -> {
            if (!"/".equals(ex.getRequestURI().getPath())) {
                send(ex, 404, "text/plain", "not found");
                return;
            }
            send(ex, 200, "text/html; charset=utf-8", PAGE);
        });
        server.createContext("/alerts.js", ex -> send(ex, 200, "text/javascript", SCRIPT));
        server.createContext("/alerts.json", ex -> {
            long after = 0;
            String q = ex.getRequestURI().getQuery();
            if (q != null && q.startsWith("after=")) {
                try {
                    after = Long.parseLong(q.substring(6));
                } catch (NumberFormatException ignored) {
                    after = 0;
                }
            }
            ArrayNode list = ServerClient.JSON.createArrayNode();
            for (LocalAlert a : alerts.after(after)) {
                ObjectNode o = list.addObject();
                o.put("sequence", a.sequence());
                o.put("readId", a.readId().toString());
                o.put("capturedAt", a.capturedAt().toString());
                o.put("plate", a.plate());
                o.put("state", a.readState());
                o.put("list", a.match().entry().listCode());
                o.put("reason", a.match().entry().reasonCode());
                o.put("kind", a.match().kind().name());
                o.put("plainHit", a.match().isPlainHit());
            }
            send(ex, 200, "application/json", ServerClient.JSON.writeValueAsString(list));
        });
        server.setExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "edge-alert-page");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    String address() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    int port() {
        return server.getAddress().getPort();
    }

    private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        ex.getResponseHeaders().set("Content-Security-Policy", "default-src 'self'; style-src 'unsafe-inline'");
        ex.sendResponseHeaders(status, b.length);
        try (OutputStream o = ex.getResponseBody()) {
            o.write(b);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
