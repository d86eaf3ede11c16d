package genai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.TimeoutException;

/**
 * One sentence for a raw HTTP call to Ollama or Chroma that failed in the middle of a lesson: the
 * lessons call the REST APIs with the JDK's HttpClient so learners see every field, and this keeps
 * a stopped server from surfacing as forty lines of HttpClient internals.
 */
public final class ServiceErrors {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final CourseConfig config;

    public ServiceErrors(CourseConfig config) {
        this.config = config;
    }

    /**
     * A CourseError when {@code error} means the service could not be reached or did not answer in time;
     * otherwise the error itself (unchecked ones as they are, checked ones wrapped), so real bugs keep their trace.
     */
    public RuntimeException explain(URI uri, Throwable error) {
        String service = serviceOf(uri);
        String base = baseOf(uri);
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof HttpConnectTimeoutException) {
                return new CourseError(service + " did not accept a connection at " + base + ": check it with 'make status',"
                        + " start it with 'make up', then run this cell again.");
            }
            if (refused(t)) {
                return stoppedAnswering(service, base);
            }
            if (t instanceof HttpTimeoutException || t instanceof TimeoutException) {
                return new CourseError(service + " at " + base + " did not answer " + uri.getPath() + " in time: ask for less"
                        + " (fewer tokens, a smaller batch), or restart it with 'make down && make up' if it is stuck.");
            }
        }
        if (error instanceof IOException io) {
            return new CourseError(service + " could not be reached at " + base + " (" + io.getClass().getSimpleName()
                    + (io.getMessage() == null ? "" : ": " + io.getMessage()) + "): check it with 'make status', then run"
                    + " this cell again.");
        }
        return error instanceof RuntimeException runtime ? runtime : new RuntimeException(error);
    }

    /** The sentence for an HTTP error status, with the server's own message and, for a missing model, the fix. */
    public CourseError httpError(URI uri, int status, String body) {
        String service = serviceOf(uri);
        String message = serverMessage(body);
        if (status == 404 && message.contains("not found") && message.contains("model")) {
            return new CourseError(service + " at " + baseOf(uri) + " says: " + message + ". Run 'make models', or use a model"
                    + " 'make status' lists.");
        }
        return new CourseError(service + " at " + baseOf(uri) + " answered HTTP " + status + " to " + uri.getPath() + ": "
                + (message.isEmpty() ? "(no message)" : message) + ".");
    }

    /** Whether this link of a cause chain says the server refused the connection (it is not running). */
    static boolean refused(Throwable t) {
        return t instanceof ConnectException || String.valueOf(t.getMessage()).contains("Connection refused");
    }

    /** The sentence for a service that was up when the lesson began and now refuses connections. */
    static CourseError stoppedAnswering(String service, String base) {
        return new CourseError(service + " stopped answering at " + base + " (connection refused): run 'make up',"
                + " then run this cell again.");
    }

    private String serviceOf(URI uri) {
        String u = uri.toString();
        if (u.startsWith(config.ollama())) return "Ollama";
        if (u.startsWith(config.chroma())) return "Chroma";
        return "The server";
    }

    private static String baseOf(URI uri) {
        return uri.getScheme() + "://" + uri.getAuthority();
    }

    /** Ollama and Chroma put their message in {"error": "..."}; anything else is shown cut to one line. */
    private static String serverMessage(String body) {
        if (body == null || body.isBlank()) return "";
        try {
            JsonNode node = JSON.readTree(body);
            if (node.hasNonNull("error")) return node.get("error").asText();
            if (node.hasNonNull("message")) return node.get("message").asText();
        } catch (IOException notJson) {
            // fall through to the raw text
        }
        String line = body.strip().replaceAll("\\s+", " ");
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}
