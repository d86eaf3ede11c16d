package genai.stack;

import genai.CourseError;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;

/**
 * Where the course's services are and which models it uses, read from the environment so the same
 * notebook runs on a laptop (defaults), in CI, and in a classroom pointed at a GPU server.
 *
 * <p>The variables: {@code OLLAMA_BASE_URL}, {@code CHROMA_URL} (an http(s) server address with no
 * path), {@code COURSE_CHAT_MODEL} (an instruction-tuned model), {@code COURSE_BASE_MODEL} (a base
 * model). Unset or blank means the default. The defaults are not written here: they come from
 * {@code stack/course.env}, the one file that holds the course's constants, which lib/pom.xml copies into this
 * jar as {@code genai/stack/course.env} (stack/config.sh reads the same file for the shell and the Makefile,
 * stack/course_env.py for Python).
 */
public record CourseConfig(URI ollamaBaseUrl, URI chromaUrl, String chatModel, String baseModel) {

    /** How long one call to Ollama may take before the course gives up with a sentence: long enough for a CPU. */
    public static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(5);

    /** stack/course.env's KEY=value lines, as built into this jar; the fields below are read from it. */
    private static final Properties COURSE_ENV = courseEnv();

    /** The address every local service listens on ({@code SERVICE_HOST}, the loopback address). */
    public static final String SERVICE_HOST = constant("SERVICE_HOST");
    /** The Ollama version the course builds and needs at least, e.g. "0.24.0" ({@code OLLAMA_VERSION}). */
    public static final String OLLAMA_VERSION = constant("OLLAMA_VERSION");
    public static final String DEFAULT_OLLAMA_BASE_URL = "http://" + SERVICE_HOST + ":" + constant("DEFAULT_OLLAMA_PORT");
    public static final String DEFAULT_CHROMA_URL = "http://" + SERVICE_HOST + ":" + constant("DEFAULT_CHROMA_PORT");
    public static final String DEFAULT_CHAT_MODEL = constant("DEFAULT_CHAT_MODEL");
    public static final String DEFAULT_BASE_MODEL = constant("DEFAULT_BASE_MODEL");
    /** The chat app's port when {@code CHAT_PORT} is unset (apps/chat), 1 to 65535. */
    public static final int DEFAULT_CHAT_PORT = Integer.parseInt(constant("DEFAULT_CHAT_PORT"));
    /** Requests one loaded model answers at once: the {@code OLLAMA_NUM_PARALLEL} the course starts Ollama with. */
    public static final int OLLAMA_NUM_PARALLEL = Integer.parseInt(constant("OLLAMA_NUM_PARALLEL"));

    /**
     * A constant of stack/course.env by its key.
     *
     * @param key e.g. "DEFAULT_OLLAMA_PORT"
     * @return its value, never blank
     * @throws IllegalStateException when the jar's course.env lacks the key (a build from an older checkout)
     */
    public static String constant(String key) {
        String value = COURSE_ENV.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("stack/course.env has no " + key + ": rebuild the library with 'make lib'.");
        }
        return value.strip();
    }

    /**
     * The course's cache folder: {@code $COURSE_CACHE}, else {@code DEFAULT_CACHE_UNDER_HOME} of course.env under
     * the user's home folder (~/.cache/genai-java-course), as stack/config.sh decides it.
     *
     * @param env a variable lookup that answers null for an unset variable
     * @return the folder (it may not exist yet)
     */
    public static Path cacheDir(Function<String, String> env) {
        String value = env.apply("COURSE_CACHE");
        return value == null || value.isBlank()
                ? Path.of(System.getProperty("user.home")).resolve(constant("DEFAULT_CACHE_UNDER_HOME"))
                : Path.of(value.strip());
    }

    /** {@link #cacheDir(Function)} from this process's environment. */
    public static Path cacheDir() {
        return cacheDir(System::getenv);
    }

    private static Properties courseEnv() {
        // KEY=value lines with # comments are the properties format too; course.env allows no escapes or spaces.
        Properties values = new Properties();
        try (InputStream in = CourseConfig.class.getResourceAsStream("course.env")) {
            if (in == null) {
                throw new IllegalStateException("genai/stack/course.env is missing from the library's jar: rebuild it with 'make lib'.");
            }
            values.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read genai/stack/course.env from the library's jar", e);
        }
        return values;
    }

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
