package org.platewatch.edge;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A stand-in for the Platewatch server that speaks the request and response shapes of the real device API
 * (ingest's {@code POST /api/v1/reads} and {@code PUT /api/v1/reads/{id}/image}, {@code GET /api/v1/device},
 * the hot-list export and the check and status reports), so that the agent's tests need no database.
 * The real endpoints have their own API tests in the server module.
 */
final class StubServer implements AutoCloseable {

    static final String TOKEN = "pwd_stub-device-token";

    final HttpServer http;
    final Map<String, JsonNode> reads = new ConcurrentHashMap<>();
    final Map<String, byte[]> images = new ConcurrentHashMap<>();
    final AtomicInteger duplicates = new AtomicInteger();
    final AtomicInteger uploads = new AtomicInteger();
    final List<JsonNode> checks = new CopyOnWriteArrayList<>();
    final List<JsonNode> statuses = new CopyOnWriteArrayList<>();
    volatile boolean available = true;
    /** Held after a batch is stored and before it is answered: a crash between send and acknowledgement. */
    volatile long holdAnswerMillis;

    volatile String exportPayload;
    final KeyPair key;

    StubServer() throws Exception {
        key = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        exportPayload = payload(List.of(), java.time.Instant.now());
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/api/v1/reads", this::reads);
        http.createContext("/api/v1/device", this::device);
        http.createContext("/api/v1/hotlists/export", this::export);
        http.setExecutor(Executors.newFixedThreadPool(4));
        http.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/");
    }

    /** A payload in the server's export format: [id, list, plate, state, make, model, colour, reason, expiresAt]. */
    static String payload(List<String[]> entries, java.time.Instant asOf) {
        ObjectNode p = ServerClient.JSON.createObjectNode();
        p.put("format", 1);
        p.put("maxAge", "P7D");
        p.putArray("lists").addObject().put("code", "svs").put("external", true).put("asOf", asOf.toString());
        ArrayNode es = p.putArray("entries");
        long id = 1;
        for (String[] e : entries) {
            es.addArray()
                    .add(id++)
                    .add("svs")
                    .add(e[0])
                    .add(e[1])
                    .addNull()
                    .addNull()
                    .addNull()
                    .add("STOLEN")
                    .addNull();
        }
        return ServerClient.JSON.writeValueAsString(p);
    }

    private boolean authorised(HttpExchange ex) throws IOException {
        if (!available) {
            send(ex, 503, "{\"type\":\"about:blank\",\"status\":503}");
            return false;
        }
        if (!("Bearer " + TOKEN).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
            send(ex, 401, "{\"type\":\"urn:platewatch:problem:unauthenticated\",\"status\":401}");
            return false;
        }
        return true;
    }

    private void reads(HttpExchange ex) throws IOException {
        if (!authorised(ex)) {
            return;
        }
        String path = ex.getRequestURI().getPath();
        byte[] body = ex.getRequestBody().readAllBytes();
        if (ex.getRequestMethod().equals("POST") && path.equals("/api/v1/reads")) {
            JsonNode batch = ServerClient.JSON.readTree(body);
            int accepted = 0;
            int dup = 0;
            synchronized (this) {
                for (JsonNode r : batch.get("reads")) {
                    if (reads.putIfAbsent(r.get("readId").asString(), r) == null) {
                        accepted++;
                    } else {
                        dup++;
                    }
                }
            }
            duplicates.addAndGet(dup);
            uploads.incrementAndGet();
            if (holdAnswerMillis > 0) {
                sleep(holdAnswerMillis);
            }
            send(ex, 200, "{\"accepted\":" + accepted + ",\"duplicates\":" + dup + "}");
        } else if (ex.getRequestMethod().equals("PUT") && path.endsWith("/image")) {
            String id = path.substring("/api/v1/reads/".length(), path.length() - "/image".length());
            if (!reads.containsKey(id)) {
                send(ex, 404, "{\"type\":\"urn:platewatch:problem:not-found\",\"status\":404,\"field\":\"readId\"}");
                return;
            }
            images.put(id, body);
            send(ex, 200, "{\"readId\":\"" + id + "\",\"sha256\":\"x\"}");
        } else {
            send(ex, 404, "{}");
        }
    }

    private void device(HttpExchange ex) throws IOException {
        if (!authorised(ex)) {
            return;
        }
        String path = ex.getRequestURI().getPath();
        JsonNode body = ex.getRequestMethod().equals("POST")
                ? ServerClient.JSON.readTree(ex.getRequestBody().readAllBytes())
                : null;
        switch (path) {
            case "/api/v1/device" ->
                send(
                        ex,
                        200,
                        "{\"id\":\"9d5c1f3e-1111-4222-8333-944455556666\",\"name\":\"car-7\",\"kind\":\"MOBILE\","
                                + "\"latitude\":null,\"longitude\":null,\"heading\":null,\"maxTransferInterval\":\"PT720H\"}");
            case "/api/v1/device/checks" -> {
                checks.add(body);
                send(ex, 201, "{\"id\":" + checks.size() + ",\"passed\":" + body.get("passed") + "}");
            }
            case "/api/v1/device/status" -> {
                statuses.add(body);
                ex.sendResponseHeaders(204, -1);
                ex.close();
            }
            default -> send(ex, 404, "{}");
        }
    }

    private void export(HttpExchange ex) throws IOException {
        if (!authorised(ex)) {
            return;
        }
        if (ex.getRequestURI().getPath().endsWith("/key")) {
            send(
                    ex,
                    200,
                    "{\"keyId\":\"stub\",\"algorithm\":\"Ed25519\",\"publicKey\":\""
                            + Base64.getEncoder().encodeToString(key.getPublic().getEncoded()) + "\"}");
            return;
        }
        try {
            String payload = exportPayload;
            String version = HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(payload.getBytes(StandardCharsets.UTF_8)));
            String etag = "\"" + version + "\"";
            ex.getResponseHeaders().set("ETag", etag);
            String inm = ex.getRequestHeaders().getFirst("If-None-Match");
            if (inm != null && inm.contains(etag)) {
                ex.sendResponseHeaders(304, -1);
                ex.close();
                return;
            }
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(key.getPrivate());
            s.update(payload.getBytes(StandardCharsets.UTF_8));
            ObjectNode o = ServerClient.JSON.createObjectNode();
            o.put("version", version).put("keyId", "stub");
            o.put("signature", Base64.getEncoder().encodeToString(s.sign()));
            o.put("payload", payload);
            send(ex, 200, ServerClient.JSON.writeValueAsString(o));
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    List<String> readIds() {
        return new ArrayList<>(reads.keySet());
    }

    private static void send(HttpExchange ex, int status, String json) throws IOException {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", status >= 400 ? "application/problem+json" : "application/json");
        ex.sendResponseHeaders(status, b.length);
        try (OutputStream o = ex.getResponseBody()) {
            o.write(b);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
