package genai.http;

import genai.CourseError;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import genai.stack.CourseConfig;
import genai.stack.CourseStack;

/**
 * The course's JSON-over-HTTP client for Ollama's and Chroma's REST APIs: what lesson 02 writes by
 * hand with the JDK's {@link HttpClient}, kept once so every lesson sends requests the same way.
 *
 * <pre>{@code
 * JsonNode reply = JsonClient.ollama().post("/api/generate", Map.of("model", name, "prompt", "Hi", "stream", false));
 * JsonNode collections = JsonClient.chroma().get("/api/v2/tenants/default_tenant/databases/default_database/collections");
 * }</pre>
 *
 * <p>Every call checks the status code: anything but 2xx throws a {@link CourseError} that quotes the
 * server's own reason ({@link ExceptionMapper#httpError}); a server that is down or too slow throws the
 * one-sentence error of {@link ExceptionMapper#explain}. A request body may be a Jackson {@link JsonNode}, a
 * {@code Map}, a record or any object Jackson can write. A connection the server dropped between two
 * requests (the JDK reuses idle connections that Ollama's Go server may already have closed) is
 * retried once; a refused connection or a timeout is not.
 *
 * <p>Instances are thread-safe; {@link #calls()} counts the requests that got an answer.
 */
public final class JsonClient {

    /** How long a new connection may take to be accepted before the call fails. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(CONNECT_TIMEOUT)
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    private final String baseUrl;
    private final Duration timeout;
    private final ExceptionMapper errors;
    private final AtomicLong calls = new AtomicLong();

    /**
     * A client for the server at {@code baseUrl} (no trailing slash needed).
     *
     * @param timeout how long one request may take until its whole answer has arrived
     * @param config names the service in error sentences (a URL under its Ollama URL is "Ollama")
     */
    public JsonClient(String baseUrl, Duration timeout, CourseConfig config) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.timeout = timeout;
        this.errors = new ExceptionMapper(config);
    }

    /** The configured Ollama ({@code OLLAMA_BASE_URL}), with a {@link CourseConfig#REQUEST_TIMEOUT} per request. */
    public static JsonClient ollama() {
        CourseConfig c = CourseStack.config();
        return new JsonClient(c.ollama(), CourseConfig.REQUEST_TIMEOUT, c);
    }

    /** The configured Chroma ({@code CHROMA_URL}), with a 60 s timeout per request. */
    public static JsonClient chroma() {
        return chroma(CourseStack.config());
    }

    /** The Chroma server {@code config} names, with a 60 s timeout per request. */
    public static JsonClient chroma(CourseConfig config) {
        return new JsonClient(config.chroma(), Duration.ofSeconds(60), config);
    }

    /** The shared Jackson mapper (thread-safe), for reading a model's JSON reply or pretty-printing a request. */
    public static ObjectMapper json() {
        return JSON;
    }

    /** A new, empty JSON object to build a request body in. */
    public static ObjectNode object() {
        return JSON.createObjectNode();
    }

    /** A new, empty JSON array. */
    public static ArrayNode array() {
        return JSON.createArrayNode();
    }

    /** The server's base URL, without a trailing slash. */
    public String baseUrl() {
        return baseUrl;
    }

    /** The number of requests of this client that got an HTTP answer (any status) so far. */
    public long calls() {
        return calls.get();
    }

    /** GET {@code path} (starting with /); the parsed JSON body, or a MissingNode for an empty body. */
    public JsonNode get(String path) {
        return send(request(path).GET());
    }

    /**
     * POST {@code body} as JSON to {@code path} (a String is sent as it is, so it must already be JSON);
     * the parsed JSON answer (MissingNode for an empty body).
     */
    public JsonNode post(String path, Object body) {
        JsonNode json = prepare(path, body);
        HttpRequest.Builder builder = request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.toString()));
        try {
            return send(builder);
        } catch (CourseError e) {
            throw overflowOr(e, json);
        }
    }

    /** DELETE {@code path}; the parsed JSON answer (MissingNode for an empty body). */
    public JsonNode delete(String path) {
        return send(request(path).DELETE());
    }

    /**
     * DELETE {@code path} with {@code body} as JSON (as {@link #post} sends it), for endpoints that name
     * what to delete in the body, such as Ollama's {@code DELETE /api/delete} with {@code {"model": name}};
     * the parsed JSON answer (MissingNode for an empty body).
     *
     * @throws CourseError on any status but 2xx (Ollama answers 404 for a model it does not have), a stopped server or a timeout
     */
    public JsonNode delete(String path, Object body) {
        return send(request(path).header("Content-Type", "application/json")
                .method("DELETE", HttpRequest.BodyPublishers.ofString(prepare(path, body).toString())));
    }

    /**
     * POST {@code body} to an endpoint that answers with newline-delimited JSON (Ollama with
     * {@code "stream": true}) and hand each line to {@code onLine} as it arrives.
     *
     * <p>Ollama reports a failure that happens after the 200 header as a last line
     * {@code {"error": "..."}}; that line is not passed on but thrown as a CourseError with the
     * server's reason, so a stream cannot end without saying why.
     *
     * @return the number of lines handed to {@code onLine}
     * @throws CourseError on an error status, an error line, a stopped server or a timeout
     */
    public int stream(String path, Object body, Consumer<JsonNode> onLine) {
        JsonNode json = prepare(path, body);
        HttpRequest request = request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.toString())).build();
        HttpResponse<InputStream> response;
        try {
            response = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException | InterruptedException e) {
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
            throw errors.explain(request.uri(), e);
        }
        calls.incrementAndGet();
        int lines = 0;
        try (var reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            if (response.statusCode() / 100 != 2) {
                throw overflowOr(errors.httpError(request.uri(), response.statusCode(), String.join("\n", reader.lines().toList())), json);
            }
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank()) continue;
                JsonNode node = JSON.readTree(line);
                if (node.hasNonNull("error")) {
                    throw errors.httpError(request.uri(), response.statusCode(), line);
                }
                onLine.accept(node);
                lines++;
            }
        } catch (IOException e) {
            throw errors.explain(request.uri(), e);
        }
        return lines;
    }

    /**
     * GET {@code path} with the client's own exceptions left as they are: for {@link StackHealth}, whose
     * set-up sentences differ from the mid-lesson ones.
     *
     * @return the response whatever its status
     * @throws IOException if the server cannot be reached or the connection breaks
     * @throws InterruptedException if the calling thread is interrupted while waiting
     */
    public HttpResponse<String> getRaw(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
        calls.incrementAndGet();
        return response;
    }

    private HttpRequest.Builder request(String path) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("a REST path starts with '/': " + path);
        }
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(timeout);
    }

    private JsonNode send(HttpRequest.Builder builder) {
        HttpRequest request = builder.build();
        HttpResponse<String> response;
        try {
            try {
                response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException dropped) {
                if (dropped instanceof ConnectException || dropped instanceof HttpTimeoutException) throw dropped;
                response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            }
        } catch (IOException | InterruptedException e) {
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
            throw errors.explain(request.uri(), e);
        }
        calls.incrementAndGet();
        if (response.statusCode() / 100 != 2) {
            throw errors.httpError(request.uri(), response.statusCode(), response.body());
        }
        String body = response.body();
        if (body == null || body.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            String start = body.strip();
            throw new CourseError(errors.serviceOf(request.uri()) + " at " + ExceptionMapper.baseOf(request.uri()) + " answered "
                    + request.uri().getPath() + " with something that is not JSON (" + (start.length() > 60 ? start.substring(0, 60)
                    + "..." : start) + "): check that " + baseUrl + " is the right server ('make status').");
        }
    }

    /**
     * The body as JSON. A generate or chat request to Ollama that does not say {@code "truncate"}
     * gets {@code "truncate": false}: without it Ollama silently drops the start of a prompt longer
     * than the context window and answers 200 (ollama/ollama#3839, #7043); with it the server refuses
     * with HTTP 400, which {@link #post} turns into a sentence. A lesson that shows the silent cut sets
     * {@code "truncate": true} itself. The caller's object is never changed.
     */
    static JsonNode prepare(String path, Object body) {
        JsonNode json;
        try {
            json = body instanceof String s ? JSON.readTree(s) : body instanceof JsonNode node ? node.deepCopy() : JSON.valueToTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the request body is not JSON: " + e.getOriginalMessage(), e);
        }
        if (json instanceof ObjectNode object && (path.equals("/api/generate") || path.equals("/api/chat"))
                && !object.has("truncate")) {
            object.put("truncate", false);
        }
        return json;
    }

    /** The context-overflow sentence for a 400 "input length exceeds the context length", else {@code error}. */
    private CourseError overflowOr(CourseError error, JsonNode request) {
        if (!String.valueOf(error.getMessage()).contains("exceeds the context length")) {
            return error;
        }
        return ExceptionMapper.contextOverflow(baseUrl, request);
    }
}
