package genai.chat;

import genai.stack.CourseConfig;
import genai.CourseError;
import genai.data.DocumentFiles;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

/**
 * What the chat app needs to know, read from the environment ({@link #fromEnv()}) and adjusted with the
 * {@code with...} methods (lesson 09 starts it on a free port: {@code ChatSettings.fromEnv().withPort(0)}).
 *
 * @param host the address to listen on ({@code CHAT_HOST}, default 127.0.0.1: nothing is opened to the network)
 * @param port the port ({@code CHAT_PORT}, default {@code DEFAULT_CHAT_PORT} of stack/course.env, 7070; 0 picks a free one)
 * @param docs the folder whose PDFs and Markdown files are the shared menus ({@code CHAT_DOCS}, default data/menus)
 * @param systemPrompt the system prompt file ({@code CHAT_SYSTEM_PROMPT}, default data/menus/system-prompt.txt), read
 *     again for every question so an edit applies without a restart
 * @param maxUploadBytes the largest upload ({@code CHAT_MAX_UPLOAD_MB}, default 10 MB of 1,048,576 bytes)
 * @param course Ollama's and Chroma's URLs and the chat model ({@code OLLAMA_BASE_URL}, {@code CHROMA_URL},
 *     {@code COURSE_CHAT_MODEL}), as the notebooks read them
 * @param maxSessions how many browser sessions are kept at once; the least recently used one goes first
 * @param sessionIdle how long an unused session is kept (its memory and uploads go with it)
 */
public record ChatSettings(String host, int port, Path docs, Path systemPrompt, long maxUploadBytes, CourseConfig course,
                           int maxSessions, Duration sessionIdle) {

    public static final String DEFAULT_HOST = CourseConfig.SERVICE_HOST;
    public static final int DEFAULT_PORT = CourseConfig.DEFAULT_CHAT_PORT;
    public static final String DEFAULT_DOCS = "data/menus";
    public static final String DEFAULT_SYSTEM_PROMPT = "data/menus/system-prompt.txt";
    public static final int DEFAULT_MAX_UPLOAD_MB = 10;
    public static final int DEFAULT_MAX_SESSIONS = 100;
    public static final Duration DEFAULT_SESSION_IDLE = Duration.ofMinutes(30);

    /** The settings from this process's environment. @throws CourseError naming a malformed variable and a valid value */
    public static ChatSettings fromEnv() {
        return from(System::getenv);
    }

    /** The settings from a map of variable names to values (for tests). */
    public static ChatSettings from(Map<String, String> env) {
        return from(env::get);
    }

    /**
     * The settings from a variable lookup that answers null for an unset variable. Relative paths are
     * resolved against the repository root ({@link #repositoryRoot()}).
     *
     * @throws CourseError naming the variable and a valid example when a value is malformed
     */
    public static ChatSettings from(Function<String, String> env) {
        Path root = repositoryRoot();
        return new ChatSettings(
                text(env, "CHAT_HOST", DEFAULT_HOST),
                number(env, "CHAT_PORT", DEFAULT_PORT, 0, 65535),
                root.resolve(text(env, "CHAT_DOCS", DEFAULT_DOCS)).normalize(),
                root.resolve(text(env, "CHAT_SYSTEM_PROMPT", DEFAULT_SYSTEM_PROMPT)).normalize(),
                number(env, "CHAT_MAX_UPLOAD_MB", DEFAULT_MAX_UPLOAD_MB, 1, 1024) * DocumentFiles.MB,
                CourseConfig.from(env),
                DEFAULT_MAX_SESSIONS,
                DEFAULT_SESSION_IDLE);
    }

    /**
     * The repository root: the nearest folder at or above the working directory that holds both
     * {@code data/} and {@code apps/}, so the app finds the menus whether it starts in the root (make chat,
     * the container) or in {@code notebooks/} (lesson 09); the working directory when there is none.
     */
    public static Path repositoryRoot() {
        Path cwd = Path.of("").toAbsolutePath();
        for (Path p = cwd; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("data")) && Files.isDirectory(p.resolve("apps"))) {
                return p;
            }
        }
        return cwd;
    }

    /** @param port 0 for a free port ({@link ChatApp#url()} then says which) */
    public ChatSettings withPort(int port) {
        return new ChatSettings(host, port, docs, systemPrompt, maxUploadBytes, course, maxSessions, sessionIdle);
    }

    public ChatSettings withDocs(Path docs) {
        return new ChatSettings(host, port, docs, systemPrompt, maxUploadBytes, course, maxSessions, sessionIdle);
    }

    public ChatSettings withSystemPrompt(Path systemPrompt) {
        return new ChatSettings(host, port, docs, systemPrompt, maxUploadBytes, course, maxSessions, sessionIdle);
    }

    /** @param model an Ollama model name, e.g. "llama3.2:3b" */
    public ChatSettings withModel(String model) {
        return withCourse(new CourseConfig(course.ollamaBaseUrl(), course.chromaUrl(), model, course.baseModel()));
    }

    /** Other service URLs or models (tests point these at stub servers). */
    public ChatSettings withCourse(CourseConfig course) {
        return new ChatSettings(host, port, docs, systemPrompt, maxUploadBytes, course, maxSessions, sessionIdle);
    }

    /** @param maxUploadBytes the largest upload in bytes */
    public ChatSettings withMaxUploadBytes(long maxUploadBytes) {
        return new ChatSettings(host, port, docs, systemPrompt, maxUploadBytes, course, maxSessions, sessionIdle);
    }

    private static String text(Function<String, String> env, String variable, String fallback) {
        String value = env.apply(variable);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    private static int number(Function<String, String> env, String variable, int fallback, int min, int max) {
        String value = text(env, variable, String.valueOf(fallback));
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) return n;
        } catch (NumberFormatException ignored) {
            // told below
        }
        throw new CourseError(variable + "='" + value + "' is not a whole number from " + min + " to " + max
                + ": fix it (export " + variable + "=" + fallback + ") or unset it to use that default.");
    }
}
