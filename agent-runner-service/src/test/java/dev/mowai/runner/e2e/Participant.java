package dev.mowai.runner.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/** What a participant does with curl: multipart uploads and JSON calls to the runner. */
final class Participant {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    record Reply(int status, JsonNode body, String raw) {
    }

    /** A multipart form: text fields and file parts ({@code byte[]} values). */
    static Reply upload(String url, Map<String, Object> parts, Map<String, String> headers) throws Exception {
        String boundary = "----mowai" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Map.Entry<String, Object> part : parts.entrySet()) {
            body.write(("--" + boundary + "\r\n").getBytes(StandardCharsets.UTF_8));
            if (part.getValue() instanceof byte[] bytes) {
                body.write(("Content-Disposition: form-data; name=\"" + part.getKey() + "\"; filename=\"" + part.getKey()
                        + ".bin\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
                body.write(bytes);
            } else {
                body.write(("Content-Disposition: form-data; name=\"" + part.getKey() + "\"\r\n\r\n" + part.getValue())
                        .getBytes(StandardCharsets.UTF_8));
            }
            body.write("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(3))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        headers.forEach(req::header);
        return send(req.build());
    }

    static Reply get(String url) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build());
    }

    static Reply postJson(String url, String json, Map<String, String> headers) throws Exception {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(3))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        headers.forEach(req::header);
        return send(req.build());
    }

    private static Reply send(HttpRequest req) throws IOException, InterruptedException {
        HttpResponse<String> res = HTTP.send(req, HttpResponse.BodyHandlers.ofString());
        JsonNode node;
        try {
            node = res.body().isBlank() ? null : JSON.readTree(res.body());
        } catch (IOException e) {
            node = null;
        }
        return new Reply(res.statusCode(), node, res.body());
    }
}
