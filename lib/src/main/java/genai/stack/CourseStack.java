package genai.stack;

import genai.CourseError;
import genai.data.DataDir;

import java.util.List;
import java.util.Optional;

/**
 * The stack this JVM talks to: the one {@link CourseConfig} read from the environment (once per kernel or
 * process), and the set-up check that every notebook's first cell runs through {@code Course.setUp()}.
 */
public final class CourseStack {

    private static volatile CourseConfig config;

    private CourseStack() {}

    /** The configuration read from the environment on first use; the same object afterwards. @throws CourseError if a URL variable is malformed */
    public static CourseConfig config() {
        CourseConfig c = config;
        if (c == null) {
            synchronized (CourseStack.class) {
                if (config == null) {
                    config = CourseConfig.fromEnvironment();
                }
                c = config;
            }
        }
        return c;
    }

    /**
     * Checks that Ollama answers and has both of {@code c}'s models and that Chroma answers.
     *
     * @return one line per service (version, URL, models), to print one per {@code println}
     * @throws CourseError naming the fix if a service is down, a URL variable is wrong or a model is missing
     */
    public static List<String> check(CourseConfig c) {
        StackHealth health = new StackHealth(c);
        StackHealth.OllamaStatus ollama = health.requireModel(c.chatModel(), "COURSE_CHAT_MODEL");
        health.requireModel(c.baseModel(), "COURSE_BASE_MODEL");
        StackHealth.ChromaStatus chroma = health.chroma();
        return List.of(
                "Ollama " + ollama.version() + " at " + ollama.baseUrl() + ": chat model " + c.chatModel() + ", base model " + c.baseModel(),
                "Chroma at " + chroma.baseUrl() + ": " + chromaVersions(chroma.version()));
    }

    /** "HTTP API 1.0.0, chromadb 1.5.9 (the course's .venv)": the server reports only the first. */
    static String chromaVersions(String apiVersion) {
        Optional<String> chromadb;
        try {
            chromadb = StackHealth.courseChromadbVersion(DataDir.find().getParent(), MachineReport.runDir());
        } catch (CourseError e) {   // not run from the checkout: the venv cannot be found
            chromadb = Optional.empty();
        }
        return "HTTP API " + apiVersion + chromadb.map(v -> ", chromadb " + v + " (the course's .venv)")
                .orElse(" (a server the course did not start: its chromadb version is not reported)");
    }
}
