package genai;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The entry point every notebook's first cell calls: reads the configuration, checks that Ollama
 * (with the course's models) and Chroma answer, and prints one line per service.
 */
public final class Course {

    private static volatile CourseConfig config;

    private Course() {}

    /** The configuration read from the environment once per kernel. */
    public static CourseConfig config() {
        CourseConfig c = config;
        if (c == null) {
            synchronized (Course.class) {
                if (config == null) {
                    config = CourseConfig.fromEnvironment();
                }
                c = config;
            }
        }
        return c;
    }

    /**
     * Checks that Ollama answers and has both course models and that Chroma answers, then prints one
     * line per service (version, URL, models).
     *
     * @throws CourseError naming the fix if a service is down, a URL variable is wrong or a model is missing
     */
    public static void setUp() {
        CourseConfig c = config();
        StackHealth health = new StackHealth(c);
        StackHealth.OllamaStatus ollama = health.requireModel(c.chatModel(), "COURSE_CHAT_MODEL");
        health.requireModel(c.baseModel(), "COURSE_BASE_MODEL");
        StackHealth.ChromaStatus chroma = health.chroma();
        // One println per line: JJava sends each write as its own message, which splits a printf line.
        System.out.println("Ollama " + ollama.version() + " at " + ollama.baseUrl() + ": chat model " + c.chatModel()
                + ", base model " + c.baseModel());
        System.out.println("Chroma at " + chroma.baseUrl() + ": " + chromaVersions(chroma.version()));
    }

    /** "HTTP API 1.0.0, chromadb 1.5.9 (the course's .venv)": the server reports only the first. */
    static String chromaVersions(String apiVersion) {
        Optional<String> chromadb;
        try {
            chromadb = StackHealth.courseChromadbVersion(dataDir().getParent(), MachineReport.runDir());
        } catch (CourseError e) {   // not run from the checkout: the venv cannot be found
            chromadb = Optional.empty();
        }
        return "HTTP API " + apiVersion + chromadb.map(v -> ", chromadb " + v + " (the course's .venv)")
                .orElse(" (a server the course did not start: its chromadb version is not reported)");
    }

    /**
     * For a raw HttpClient call to Ollama or Chroma that threw (lesson 02 makes one by hand; the rest
     * of the course uses {@link Rest}, which does this itself): one sentence when the service is down
     * or too slow, otherwise the error itself. Use as
     * {@code catch (Exception e) { throw Course.explain(request.uri(), e); }}.
     */
    public static RuntimeException explain(URI uri, Throwable error) {
        return new Errors(config()).explain(uri, error);
    }

    /** For a raw HttpClient call that got an HTTP error status: one sentence with the server's own reason ({@link Errors#httpError}). */
    public static CourseError httpError(URI uri, int status, String body) {
        return new Errors(config()).httpError(uri, status, body);
    }

    /**
     * The course's {@code data/} folder, found by walking up from the working directory, so a
     * notebook finds it whether the kernel starts in {@code notebooks/} or in the repository root.
     */
    public static Path dataDir() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("data")) && Files.isDirectory(p.resolve("notebooks"))) {
                return p.resolve("data");
            }
        }
        throw new CourseError("The course's data/ folder is not above " + dir
                + ": open the notebook from the course checkout (make lab does this).");
    }
}
