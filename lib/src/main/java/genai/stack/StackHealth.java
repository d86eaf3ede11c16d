package genai.stack;

import genai.CourseError;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import genai.http.ExceptionMapper;
import genai.http.JsonClient;

/**
 * Asks Ollama and Chroma whether they are up and turns every way they can fail into one
 * {@link CourseError} sentence that names the fix.
 */
public final class StackHealth {

    /** What Ollama said: its base URL, its version (e.g. "0.24.0") and the installed models' names with their tags. */
    public record OllamaStatus(String baseUrl, String version, List<String> models) {}

    /** What Chroma said: its base URL, its version (e.g. "1.0.0") and its heartbeat (server clock, nanoseconds). */
    public record ChromaStatus(String baseUrl, String version, long heartbeatNanos) {}

    private final CourseConfig config;

    /** Checks the services {@code config} names; nothing is contacted until a method is called. */
    public StackHealth(CourseConfig config) {
        this.config = config;
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

    /**
     * The version of the chromadb package behind the Chroma server, when the course started that server
     * from its own venv. Chroma's HTTP API reports only its API version ({@code /api/v2/version} answers
     * "1.0.0" for every chromadb 1.x release), so the package version is read from the venv's
     * {@code chromadb-X.dist-info} folder, and only when {@code make up} started the running server
     * ({@code chroma.pid} in the run folder, no {@code chroma.external}).
     *
     * @param courseRoot the course checkout (its {@code .venv} is the one {@code make up} runs Chroma from)
     * @param runDir     the services' run folder ({@code $COURSE_RUN}, default {@code $COURSE_CACHE/run})
     * @return e.g. "1.5.9", or empty when the server is not the course's own or the venv has no chromadb
     */
    public static Optional<String> courseChromadbVersion(Path courseRoot, Path runDir) {
        if (Files.exists(runDir.resolve("chroma.external")) || !Files.exists(runDir.resolve("chroma.pid"))) {
            return Optional.empty();
        }
        try (Stream<Path> pythons = Files.list(courseRoot.resolve(".venv").resolve("lib"))) {
            for (Path python : pythons.toList()) {
                try (Stream<Path> packages = Files.list(python.resolve("site-packages"))) {
                    Optional<String> version = packages.map(p -> p.getFileName().toString())
                            .map(DIST_INFO::matcher).filter(Matcher::matches).map(m -> m.group(1)).findFirst();
                    if (version.isPresent()) return version;
                } catch (IOException e) {
                    // not a Python folder with packages: look at the next one
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static final Pattern DIST_INFO = Pattern.compile("chromadb-([0-9][^-]*)\\.dist-info");

    /**
     * Whether Ollama's model list holds a model, by Ollama's naming rule: every listed name carries a tag
     * ({@code smollm2-135m-instruct:latest}, {@code llama3.2:3b}); a name asked for without a tag means
     * {@code :latest}, and one with a tag must match exactly. A prefix test such as
     * {@code startsWith(wanted + ":")} gets the tagged case wrong ({@code llama3.2:3b} is not listed as
     * {@code llama3.2:3b:...}).
     *
     * @param installed the names from {@code /api/tags} ({@link OllamaStatus#models()})
     * @param wanted    a model name with or without a tag, e.g. {@code Course.config().chatModel()}
     * @return true when {@code wanted} (or {@code wanted:latest}) is listed
     */
    public static boolean hasModel(List<String> installed, String wanted) {
        String full = wanted.contains(":") ? wanted : wanted + ":latest";
        return installed.stream().anyMatch(m -> m.equals(wanted) || m.equals(full));
    }

    private JsonNode get(String service, String base, String path, String variable) {
        HttpResponse<String> response;
        try {
            response = new JsonClient(base, Duration.ofSeconds(10), config).getRaw(path);
        } catch (IOException | InterruptedException e) {
            throw ExceptionMapper.atSetUp(service, base, path, variable, e);
        }
        if (response.statusCode() != 200) {
            throw new CourseError("The server at " + base + " answered HTTP " + response.statusCode() + " to " + path
                    + ", so it is not a working " + service + ": point " + variable + " at " + service
                    + ", or unset it and run 'make up'.");
        }
        try {
            return JsonClient.json().readTree(response.body());
        } catch (IOException e) {
            throw new CourseError("The server at " + base + " answered " + path + " with something that is not JSON, so it is not "
                    + service + ": set " + variable + " to a " + service + " server or unset it and run 'make up'.");
        }
    }
}
