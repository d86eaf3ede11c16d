package genai;

import genai.data.DataDir;
import genai.http.ExceptionMapper;
import genai.stack.CourseConfig;
import genai.stack.CourseStack;

import java.net.URI;
import java.nio.file.Path;

/**
 * The entry point every notebook's first cell calls, and the lessons' short names for what lives in the
 * layers below: the configuration ({@link CourseStack}), the set-up check ({@link CourseStack#check}), the error
 * sentences for a raw HTTP call ({@link ExceptionMapper}) and the data folder ({@link DataDir}).
 */
public final class Course {

    private Course() {}

    /** The configuration read from the environment once per kernel ({@link CourseStack#config()}). */
    public static CourseConfig config() {
        return CourseStack.config();
    }

    /**
     * Checks that Ollama answers and has both course models and that Chroma answers, then prints one
     * line per service (version, URL, models).
     *
     * @throws CourseError naming the fix if a service is down, a URL variable is wrong or a model is missing
     */
    public static void setUp() {
        // One println per line: JJava sends each write as its own message, which splits a printf line.
        CourseStack.check(config()).forEach(System.out::println);
    }

    /**
     * For a raw HttpClient call to Ollama or Chroma that threw (lesson 02 makes one by hand; the rest
     * of the course uses {@link genai.http.JsonClient}, which does this itself): one sentence when the service is down
     * or too slow, otherwise the error itself. Use as
     * {@code catch (Exception e) { throw Course.explain(request.uri(), e); }}.
     */
    public static RuntimeException explain(URI uri, Throwable error) {
        return new ExceptionMapper(config()).explain(uri, error);
    }

    /** For a raw HttpClient call that got an HTTP error status: one sentence with the server's own reason ({@link ExceptionMapper#httpError}). */
    public static CourseError httpError(URI uri, int status, String body) {
        return new ExceptionMapper(config()).httpError(uri, status, body);
    }

    /**
     * The course's {@code data/} folder ({@link DataDir#find()}), whether the kernel starts in
     * {@code notebooks/} or in the repository root.
     *
     * @throws CourseError if it is not above the working directory
     */
    public static Path dataDir() {
        return DataDir.find();
    }
}
