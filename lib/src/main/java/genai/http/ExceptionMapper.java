package genai.http;

import genai.CourseError;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.exception.HttpException;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import genai.stack.CourseConfig;

/**
 * The one place where a failed call to Ollama or Chroma becomes a sentence a learner can act on.
 * {@link JsonClient}, the guarded LangChain4j models and store, and {@link StackHealth} all send their
 * failures here, so the same fault reads the same way whichever path met it.
 *
 * <p>Three moments are told apart, because the fix differs: at set-up (the service was never
 * reached: start it or fix the URL variable), in the middle of a lesson (it was up and stopped:
 * run {@code make up} and the cell again), and an HTTP error status (the server's own reason is
 * quoted, with the fix where the course knows it). A throwable that is none of these is returned
 * as it is, so a bug in a cell keeps its stack trace.
 *
 * <p>Plumbing: notebooks do not call this class; they see its sentences as {@link CourseError}s.
 */
public final class ExceptionMapper {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String START = "start the course services with 'make up' (see 'make status' for logs)";

    private final CourseConfig config;

    /** ExceptionMapper named against {@code config}'s URLs: a URI under its Ollama URL is "Ollama", under its Chroma URL "Chroma". */
    public ExceptionMapper(CourseConfig config) {
        this.config = config;
    }

    /**
     * A failure while calling {@code uri} mid-lesson.
     *
     * @param uri the URI that was called
     * @param error what the HTTP client (or LangChain4j) threw
     * @return a {@link CourseError} when the service refused the connection, did not accept it, did not
     *     answer in time or could not be reached; otherwise {@code error} itself (unchecked) or wrapped
     *     in a RuntimeException (checked), so real bugs keep their trace
     */
    public RuntimeException explain(URI uri, Throwable error) {
        String service = serviceOf(uri);
        String base = baseOf(uri);
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof CourseError already) {
                return already;
            }
            if (t instanceof HttpConnectTimeoutException) {
                return new CourseError(service + " did not accept a connection at " + base + ": check it with 'make status',"
                        + " start it with 'make up', then run this cell again.");
            }
            if (refused(t)) {
                return stoppedAnswering(service, base);
            }
            if (t instanceof HttpTimeoutException || t instanceof TimeoutException) {
                return new CourseError(service + " at " + base + " did not answer " + uri.getPath() + " within "
                        + CourseConfig.REQUEST_TIMEOUT.toMinutes() + " minutes: ask for less (fewer tokens, a smaller batch),"
                        + " or restart it with 'make down && make up' if it is stuck.");
            }
        }
        if (error instanceof IOException io) {
            return new CourseError(service + " could not be reached at " + base + " (" + io.getClass().getSimpleName()
                    + (io.getMessage() == null ? "" : ": " + io.getMessage()) + "): check it with 'make status', then run"
                    + " this cell again.");
        }
        return error instanceof RuntimeException runtime ? runtime : new RuntimeException(error);
    }

    /**
     * An HTTP error status from {@code uri}, told with the server's own reason.
     *
     * @param status the HTTP status code (an error, 300-599)
     * @param body the response body; Ollama's {@code {"error": reason}} and Chroma 1.x's
     *     {@code {"error": kind, "message": reason}} are read, anything else is quoted cut to 200 characters
     * @return the sentence; for Ollama's "model not found" it names {@code make models}
     */
    public CourseError httpError(URI uri, int status, String body) {
        String service = serviceOf(uri);
        String message = serverMessage(body);
        CourseError capability = status == 400 ? missingCapability(baseOf(uri), message) : null;
        if (capability != null) {
            return capability;
        }
        if (status == 404 && message.contains("not found") && message.contains("model")) {
            return new CourseError(service + " at " + baseOf(uri) + " says: " + message + ". Run 'make models', or use a model"
                    + " 'make status' lists.");
        }
        return new CourseError(service + " at " + baseOf(uri) + " answered HTTP " + status + " to " + uri.getPath() + ": "
                + (message.isEmpty() ? "(no message)" : message) + ".");
    }

    /**
     * The error mapping of one LangChain4j model on one Ollama, shared by {@link ErrorMappingChatModel} and
     * {@link ErrorMappingStreamingChatModel} so both say the same sentence for the same failure.
     *
     * @param baseUrl the Ollama URL the model talks to, named in the sentences
     * @param model the model name it asks for, named when the server lacks it
     */
    public record ModelErrors(String baseUrl, String model) {

        /** {@link #fromModel}: a sentence for a stopped server, a timeout or a missing model; any other error as it is. */
        public RuntimeException map(Throwable error) {
            return fromModel(error, baseUrl, model);
        }

        /** What the wrapper's {@code toString()} shows: "Wrapper[model at url]". */
        public String describe(String wrapper) {
            return wrapper + "[" + model + " at " + baseUrl + "]";
        }
    }

    /**
     * A LangChain4j Ollama model's failure: a stopped server, a call that ran past
     * {@link CourseConfig#REQUEST_TIMEOUT}, a model the server lacks or a stream that Ollama ended with an
     * error line ({@link OllamaTransport} reports it as HTTP 200 with Ollama's reason) become a sentence; any other
     * error (a server-side 500, a parsing bug) is returned as it is.
     *
     * @param baseUrl the Ollama URL the model talks to
     * @param model the model name it asked for
     */
    public static RuntimeException fromModel(Throwable error, String baseUrl, String model) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof CourseError already) {
                return already;
            }
            if (refused(t)) {
                return stoppedAnswering("Ollama", baseUrl);
            }
            if (t instanceof HttpTimeoutException || t instanceof TimeoutException) {
                return new CourseError("Ollama at " + baseUrl + " did not finish within " + CourseConfig.REQUEST_TIMEOUT.toMinutes()
                        + " minutes: ask for fewer tokens (maxOutputTokens / num_predict), or restart it with"
                        + " 'make down && make up' if it is stuck.");
            }
            if (t instanceof HttpException http && http.statusCode() == 400) {
                CourseError capability = missingCapability(baseUrl, serverMessage(http.getMessage()));
                if (capability != null) return capability;
                if (String.valueOf(http.getMessage()).contains("exceeds the context length")) {
                    return contextOverflow(baseUrl, model, null, -1);
                }
            }
            if (t instanceof HttpException http && http.statusCode() == 200) {
                // OllamaTransport's error line: Ollama had answered 200 and then failed half-way through the stream.
                String reason = serverMessage(http.getMessage());
                return new CourseError("Ollama at " + baseUrl + " stopped the reply from '" + model + "' half-way"
                        + (reason.isEmpty() ? "" : " (" + reason + ")") + ": check its log ('make status' says where),"
                        + " then run this cell again.");
            }
            if (t instanceof HttpException http && http.statusCode() == 404 && String.valueOf(http.getMessage()).contains("not found")) {
                return new CourseError("Ollama at " + baseUrl + " has no model '" + model + "': run 'make models',"
                        + " or choose an installed model ('make status' lists them).");
            }
        }
        return error instanceof RuntimeException runtime ? runtime : new RuntimeException(error);
    }

    /**
     * A failure of the set-up check's first contact with a service.
     *
     * @param service "Ollama" or "Chroma"
     * @param base the service's base URL
     * @param path the path that was asked
     * @param variable the environment variable that sets the URL (OLLAMA_BASE_URL, CHROMA_URL)
     * @param error what the HTTP client threw
     * @return a CourseError naming the fix: start the services, or point the variable elsewhere
     */
    public static CourseError atSetUp(String service, String base, String path, String variable, Throwable error) {
        if (error instanceof HttpConnectTimeoutException) {
            return new CourseError(service + " did not accept a connection at " + base + " within " + JsonClient.CONNECT_TIMEOUT.toSeconds() + " s: " + START
                    + ", or set " + variable + " to a reachable server.");
        }
        if (error instanceof HttpTimeoutException) {
            return new CourseError(service + " at " + base + " accepted the connection but did not answer " + path
                    + " within 10 s: it may be overloaded or hung; restart it with 'make down && make up'.");
        }
        if (error instanceof ConnectException) {
            return new CourseError(service + " is not running at " + base + " (connection refused): " + START
                    + ", or set " + variable + " to a running server.");
        }
        if (error instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            return new CourseError("Interrupted while asking " + service + " at " + base + ": run the cell again.");
        }
        return new CourseError(service + " could not be reached at " + base + " (" + error.getClass().getSimpleName()
                + (error.getMessage() == null ? "" : ": " + error.getMessage()) + "): " + START + ", or check " + variable + ".");
    }

    /**
     * The sentence for a prompt longer than the model's context window, which Ollama refuses with HTTP
     * 400 when asked not to truncate (the course always asks: {@link JsonClient}, {@link genai.Models}).
     *
     * @param numCtx the request's {@code num_ctx} in tokens, or null when it used the model's default
     * @param promptChars the characters of the prompt (all messages), for a rough size: about 4 per token in
     *     English; negative when unknown
     */
    public static CourseError contextOverflow(String baseUrl, String model, Integer numCtx, int promptChars) {
        String window = numCtx == null ? "the model's default context window (num_ctx)" : "the context window of " + numCtx + " tokens (num_ctx)";
        String size = promptChars < 0 ? "" : " (" + promptChars + " characters, about " + Math.max(1, promptChars / 4) + " tokens)";
        return new CourseError("The prompt for '" + model + "'" + size + " is longer than " + window + ", so Ollama at " + baseUrl + " refused it rather than silently drop its"
                + " start: shorten the prompt (fewer retrieved chunks, a shorter history) or raise num_ctx.");
    }

    /**
     * The sentence for a request that needs a capability the model lacks (Ollama: HTTP 400 "... does
     * not support tools"), or null if {@code serverMessage} is not such a refusal.
     */
    static CourseError missingCapability(String baseUrl, String serverMessage) {
        Matcher m = UNSUPPORTED.matcher(serverMessage);
        if (!m.find()) {
            return null;
        }
        String model = m.group(1).replaceFirst("^.*/", "").replaceFirst(":latest$", "");
        return new CourseError("The model '" + model + "' at " + baseUrl + " does not support " + m.group(2) + " (Ollama's"
                + " /api/show lists its capabilities): set COURSE_CHAT_MODEL to a model that does ('make status' lists the"
                + " installed ones), or use the lesson's way that works without " + m.group(2) + ".");
    }

    private static final Pattern UNSUPPORTED = Pattern.compile("(\\S+) does not support (\\w+)");

    /**
     * {@link #contextOverflow(String, String, Integer, int)} for the Ollama request body that was refused: its
     * model, its {@code options.num_ctx} and the characters of its prompt, system prompt and messages.
     */
    public static CourseError contextOverflow(String baseUrl, JsonNode request) {
        int chars = request.path("prompt").asText("").length() + request.path("system").asText("").length();
        for (JsonNode message : request.path("messages")) {
            chars += message.path("content").asText("").length();
        }
        JsonNode numCtx = request.at("/options/num_ctx");
        return contextOverflow(baseUrl, request.path("model").asText("?"), numCtx.isNumber() ? numCtx.asInt() : null, chars);
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

    String serviceOf(URI uri) {
        String u = uri.toString();
        if (u.startsWith(config.ollama())) return "Ollama";
        if (u.startsWith(config.chroma())) return "Chroma";
        return "The server";
    }

    static String baseOf(URI uri) {
        return uri.getScheme() + "://" + uri.getAuthority();
    }

    /**
     * The reason in an error body. Ollama sends {@code {"error": "..."}}; Chroma 1.x sends
     * {@code {"error": "InvalidArgumentError", "message": "Invalid where clause"}}, where the kind alone
     * would tell the learner nothing, so both are kept ("InvalidArgumentError: Invalid where clause").
     */
    static String serverMessage(String body) {
        if (body == null || body.isBlank()) return "";
        try {
            JsonNode node = JSON.readTree(body);
            String error = node.hasNonNull("error") ? node.get("error").asText() : "";
            String message = node.hasNonNull("message") ? node.get("message").asText() : "";
            if (!error.isEmpty() && !message.isEmpty()) return error + ": " + message;
            if (!error.isEmpty() || !message.isEmpty()) return error + message;
        } catch (IOException notJson) {
            // fall through to the raw text
        }
        String line = body.strip().replaceAll("\\s+", " ");
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}
