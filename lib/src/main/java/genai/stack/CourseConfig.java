package genai.stack;

import genai.CourseError;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

/**
 * Where the course's services are and which models it uses, read from the environment so the same
 * notebook runs on a laptop (defaults), in CI, and in a classroom pointed at a GPU server.
 *
 * <p>The variables: {@code OLLAMA_BASE_URL}, {@code CHROMA_URL} (an http(s) server address with no
 * path), {@code COURSE_CHAT_MODEL} (an instruction-tuned model), {@code COURSE_BASE_MODEL} (a base
 * model). Unset or blank means the default below; the defaults match {@code stack/}'s settings, which a
 * unit test checks.
 */
public record CourseConfig(URI ollamaBaseUrl, URI chromaUrl, String chatModel, String baseModel) {

    /** How long one call to Ollama may take before the course gives up with a sentence: long enough for a CPU. */
    public static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(5);

    public static final String DEFAULT_OLLAMA_BASE_URL = "http://127.0.0.1:11434";
    public static final String DEFAULT_CHROMA_URL = "http://127.0.0.1:8000";
    public static final String DEFAULT_CHAT_MODEL = "smollm2-135m-instruct";
    public static final String DEFAULT_BASE_MODEL = "gemma3-270m-base";

    /** The configuration from this process's environment variables. @throws CourseError if a URL variable is malformed */
    public static CourseConfig fromEnvironment() {
        return from(System::getenv);
    }

    /** The configuration from a map of variable names to values (for tests). @throws CourseError if a URL is malformed */
    public static CourseConfig from(Map<String, String> env) {
        return from(env::get);
    }

    /**
     * The configuration from a variable lookup that answers null for an unset variable.
     *
     * @throws CourseError naming the variable and a valid example when a URL is not an http(s) server address
     */
    public static CourseConfig from(Function<String, String> env) {
        return new CourseConfig(
                url(env, "OLLAMA_BASE_URL", DEFAULT_OLLAMA_BASE_URL),
                url(env, "CHROMA_URL", DEFAULT_CHROMA_URL),
                name(env, "COURSE_CHAT_MODEL", DEFAULT_CHAT_MODEL),
                name(env, "COURSE_BASE_MODEL", DEFAULT_BASE_MODEL));
    }

    /** The base URL without a trailing slash, ready to have a path such as /api/tags appended. */
    public String ollama() {
        return strip(ollamaBaseUrl);
    }

    /** Chroma's base URL without a trailing slash. */
    public String chroma() {
        return strip(chromaUrl);
    }

    private static String strip(URI uri) {
        String s = uri.toString();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    private static String name(Function<String, String> env, String variable, String fallback) {
        String value = env.apply(variable);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    private static URI url(Function<String, String> env, String variable, String fallback) {
        String value = env.apply(variable);
        if (value == null || value.isBlank()) {
            return URI.create(fallback);
        }
        String trimmed = value.trim();
        try {
            URI uri = new URI(trimmed);
            boolean http = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
            if (http && uri.getHost() != null && (uri.getPath() == null || uri.getPath().isEmpty() || uri.getPath().equals("/"))) {
                return uri;
            }
        } catch (Exception ignored) {
            // reported below in the learner's terms
        }
        throw new CourseError(variable + "='" + trimmed + "' is not a server address like " + fallback
                + ": fix it (export " + variable + "=" + fallback + ") or unset it to use that default.");
    }
}
