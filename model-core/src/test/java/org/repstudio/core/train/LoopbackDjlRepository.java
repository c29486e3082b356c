package org.repstudio.core.train;

import ai.djl.repository.RemoteRepository;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A tiny DJL dataset repository on 127.0.0.1 (never the internet), laid out as DJL's RemoteRepository reads
 * it: {@code dataset/cv/ai/djl/basicdataset/ARTIFACT/metadata.json} lists version 1.0's files, whose URIs
 * are relative to that folder. It records every request and the {@code ai.djl.offline} value seen then.
 */
final class LoopbackDjlRepository implements AutoCloseable {

    static final String DATASET_DIR = "/dataset/cv/ai/djl/basicdataset/";

    private final HttpServer server;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    final List<String> requests = new CopyOnWriteArrayList<>();
    final List<String> offlineDuringRequests = new CopyOnWriteArrayList<>();

    LoopbackDjlRepository() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            // DJL asks for ".../mnist//metadata.json" (its MRL path ends in a slash); collapse that
            String path = exchange.getRequestURI().getPath().replaceAll("/+", "/");
            requests.add(path);
            offlineDuringRequests.add(String.valueOf(System.getProperty("ai.djl.offline")));
            byte[] body = files.get(path);
            exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
            if (body != null) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            exchange.close();
        });
        server.start();
    }

    URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    /** DJL's remote repository at this server, caching into {@code cache} instead of the user's DJL cache. */
    RemoteRepository repository(Path cache) {
        return new RemoteRepository("loopback", baseUri()) {
            @Override
            public Path getCacheDirectory() {
                return cache;
            }
        };
    }

    /** Serves an artifact: {@code files} maps DJL's item key to (file name, bytes). */
    void publish(String artifactId, Map<String, Map.Entry<String, byte[]>> items) {
        ObjectMapper json = new ObjectMapper();
        ObjectNode meta = json.createObjectNode();
        meta.put("metadataVersion", "0.2").put("resourceType", "dataset").put("application", "cv")
                .put("groupId", "ai.djl.basicdataset").put("artifactId", artifactId).put("name", artifactId);
        ObjectNode artifact = meta.putArray("artifacts").addObject();
        artifact.put("version", "1.0").put("snapshot", false).put("name", artifactId);
        ObjectNode list = artifact.putObject("files");
        items.forEach((key, file) -> {
            list.putObject(key).put("uri", "1.0/" + file.getKey()).put("size", file.getValue().length);
            files.put(DATASET_DIR + artifactId + "/1.0/" + file.getKey(), file.getValue());
        });
        files.put(DATASET_DIR + artifactId + "/metadata.json", meta.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Stops serving a file (a broken mirror). */
    void remove(String path) {
        files.remove(path);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
