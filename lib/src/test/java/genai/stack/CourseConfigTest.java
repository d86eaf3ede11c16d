package genai.stack;

import genai.CourseError;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CourseConfigTest {

    /** stack/course.env, the one file the Makefile, the stack scripts and the benchmark read their defaults from. */
    private static Map<String, String> courseEnv() throws IOException {
        Path file = Path.of(System.getProperty("basedir", ".")).resolve("../stack/course.env").normalize();
        Map<String, String> values = new HashMap<>();
        for (String line : Files.readAllLines(file)) {
            int eq = line.indexOf('=');
            if (eq > 0 && !line.strip().startsWith("#")) {
                values.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
            }
        }
        return values;
    }

    @Test
    void defaultsAreTheOnesInStackCourseEnv() throws IOException {
        Map<String, String> env = courseEnv();
        String host = "http://" + env.get("SERVICE_HOST") + ":";
        assertEquals(host + env.get("DEFAULT_OLLAMA_PORT"), CourseConfig.DEFAULT_OLLAMA_BASE_URL,
                "CourseConfig.DEFAULT_OLLAMA_BASE_URL disagrees with stack/course.env");
        assertEquals(host + env.get("DEFAULT_CHROMA_PORT"), CourseConfig.DEFAULT_CHROMA_URL,
                "CourseConfig.DEFAULT_CHROMA_URL disagrees with stack/course.env");
        assertEquals(env.get("DEFAULT_CHAT_MODEL"), CourseConfig.DEFAULT_CHAT_MODEL,
                "CourseConfig.DEFAULT_CHAT_MODEL disagrees with stack/course.env");
        assertEquals(env.get("DEFAULT_BASE_MODEL"), CourseConfig.DEFAULT_BASE_MODEL,
                "CourseConfig.DEFAULT_BASE_MODEL disagrees with stack/course.env");
    }

    @Test
    void defaultsPointAtTheLocalStackAndTheCiModels() {
        CourseConfig c = CourseConfig.from(Map.of());
        assertEquals("http://127.0.0.1:11434", c.ollama());
        assertEquals("http://127.0.0.1:8000", c.chroma());
        assertEquals("smollm2-135m-instruct", c.chatModel());
        assertEquals("gemma3-270m-base", c.baseModel());
    }

    @Test
    void environmentOverridesEveryValue() {
        CourseConfig c = CourseConfig.from(Map.of(
                "OLLAMA_BASE_URL", "http://gpu-box:11434/",
                "CHROMA_URL", " https://chroma.example:8443 ",
                "COURSE_CHAT_MODEL", "llama3.2:3b",
                "COURSE_BASE_MODEL", "llama3.2:3b-text-q4_K_M"));
        assertEquals("http://gpu-box:11434", c.ollama(), "a trailing slash is dropped so paths can be appended");
        assertEquals("https://chroma.example:8443", c.chroma(), "surrounding blanks are ignored");
        assertEquals("llama3.2:3b", c.chatModel());
        assertEquals("llama3.2:3b-text-q4_K_M", c.baseModel());
    }

    @Test
    void blankValuesMeanTheDefault() {
        CourseConfig c = CourseConfig.from(Map.of("OLLAMA_BASE_URL", "  ", "COURSE_CHAT_MODEL", ""));
        assertEquals("http://127.0.0.1:11434", c.ollama());
        assertEquals("smollm2-135m-instruct", c.chatModel());
    }

    @Test
    void aMalformedUrlIsOneSentenceNamingTheVariableAndTheFix() {
        for (String bad : new String[] {"127.0.0.1:11434", "localhost", "ftp://host:21", "http://host:11434/api", "http://"}) {
            CourseError e = assertThrows(CourseError.class, () -> CourseConfig.from(Map.of("OLLAMA_BASE_URL", bad)), bad);
            assertTrue(e.getMessage().startsWith("OLLAMA_BASE_URL='" + bad + "'"), e.getMessage());
            assertTrue(e.getMessage().contains("export OLLAMA_BASE_URL=http://127.0.0.1:11434"), e.getMessage());
            assertEquals(0, e.getStackTrace().length, "a set-up error carries no stack trace to bury the sentence");
        }
    }
}
