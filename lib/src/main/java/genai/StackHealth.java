package genai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Asks Ollama and Chroma whether they are up and turns every way they can fail into one
 * {@link CourseError} sentence that names the fix.
 */
public final class StackHealth {

    public record OllamaStatus(String baseUrl, String version, List<String> models) {}

    public record ChromaStatus(String baseUrl, String version, long heartbeatNanos) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String START = "start the course services with 'make up' (see 'make status' for logs)";

    private final CourseConfig config;
    private final HttpClient http;

    public StackHealth(CourseConfig config) {
        this.config = config;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    }

    /** Version and installed models of the Ollama server, or a CourseError saying how to start it. */
    public OllamaStatus ollama() {
        String base = config.ollama();
        JsonNode version = get("Ollama", base, "/api/version", "OLLAMA_BASE_URL");
        JsonNode tags = get("Ollama", base, "/api/tags", "OLLAMA_BASE_URL");
        if (!version.has("version") || !tags.has("models")) {
            throw new CourseError("The server at " + base + " answers but is not Ollama: point OLLAMA_BASE_URL at an Ollama server"
                    + " or unset it and run 'make up'.");
        }
        List<String> models = new ArrayList<>();
        tags.get("models").forEach(m -> models.add(m.path("name").asText()));
        return new OllamaStatus(base, version.get("version").asText(), models);
    }

    /** Checks that Ollama is up and has {@code model}; says which models it has when it does not. */
    public OllamaStatus requireModel(String model, String variable) {
        OllamaStatus status = ollama();
        if (!hasModel(status.models(), model)) {
            String installed = status.models().isEmpty() ? "none" : String.join(", ", status.models());
            throw new CourseError("Ollama at " + status.baseUrl() + " has no model '" + model + "' (installed: " + installed
                    + "): run 'make models' to install the course models, or set " + variable + " to an installed one.");
        }
        return status;
    }

    /** Heartbeat and version of the Chroma server (API v2), or a CourseError saying how to start it. */
    public ChromaStatus chroma() {
        String base = config.chroma();
        JsonNode heartbeat = get("Chroma", base, "/api/v2/heartbeat", "CHROMA_URL");
        JsonNode version = get("Chroma", base, "/api/v2/version", "CHROMA_URL");
        if (!heartbeat.has("nanosecond heartbeat") || !version.isTextual()) {
            throw new CourseError("The server at " + base + " answers but is not Chroma 1.x (no API v2 heartbeat): point CHROMA_URL"
                    + " at a Chroma 1.x server or unset it and run 'make up'.");
        }
        return new ChromaStatus(base, version.asText(), heartbeat.get("nanosecond heartbeat").asLong());
    }

    /** Model names from Ollama carry a tag (":latest"); a name given without one means that tag. */
    static boolean hasModel(List<String> installed, String wanted) {
        String full = wanted.contains(":") ? wanted : wanted + ":latest";
        return installed.stream().anyMatch(m -> m.equals(wanted) || m.equals(full));
    }

    private JsonNode get(String service, String base, String path, String variable) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).GET().build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpConnectTimeoutException e) {
            throw new CourseError(service + " did not accept a connection at " + base + " within 3 s: " + START
                    + ", or set " + variable + " to a reachable server.");
        } catch (HttpTimeoutException e) {
            throw new CourseError(service + " at " + base + " accepted the connection but did not answer " + path
                    + " within 10 s: it may be overloaded or hung; restart it with 'make down && make up'.");
        } catch (ConnectException e) {
            throw new CourseError(service + " is not running at " + base + " (connection refused): " + START
                    + ", or set " + variable + " to a running server.");
        } catch (IOException e) {
            throw new CourseError(service + " could not be reached at " + base + " (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "): " + START + ", or check " + variable + ".");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CourseError("Interrupted while asking " + service + " at " + base + ": run the cell again.");
        }
        if (response.statusCode() != 200) {
            throw new CourseError("The server at " + base + " answered HTTP " + response.statusCode() + " to " + path
                    + ", so it is not a working " + service + ": point " + variable + " at " + service
                    + ", or unset it and run 'make up'.");
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new CourseError("The server at " + base + " answered " + path + " with something that is not JSON, so it is not "
                    + service + ": set " + variable + " to a " + service + " server or unset it and run 'make up'.");
        }
    }
}
