package genai.stack;

import genai.CourseError;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CourseConfigTest {

    private static final Path COURSE_ENV = Path.of(System.getProperty("basedir", ".")).resolve("../stack/course.env").normalize();

    @Test
    void theJarCarriesStackCourseEnvAsItIs() throws IOException {
        try (InputStream in = CourseConfig.class.getResourceAsStream("course.env")) {
            assertNotNull(in, "lib/pom.xml copies stack/course.env into the jar as genai/stack/course.env");
            assertEquals(Files.readString(COURSE_ENV), new String(in.readAllBytes(), StandardCharsets.UTF_8),
                    "the jar's course.env is not stack/course.env: rebuild with 'make lib'");
        }
    }

    @Test
    void defaultsAreBuiltFromTheConstants() {
        String host = "http://" + CourseConfig.SERVICE_HOST + ":";
        CourseConfig c = CourseConfig.from(Map.of());
        assertEquals(host + CourseConfig.constant("DEFAULT_OLLAMA_PORT"), c.ollama());
        assertEquals(host + CourseConfig.constant("DEFAULT_CHROMA_PORT"), c.chroma());
        assertEquals(CourseConfig.constant("DEFAULT_CHAT_MODEL"), c.chatModel());
        assertEquals(CourseConfig.constant("DEFAULT_BASE_MODEL"), c.baseModel());
        assertEquals("127.0.0.1", CourseConfig.SERVICE_HOST, "the services listen on loopback only");
        assertTrue(CourseConfig.DEFAULT_CHAT_PORT > 0 && CourseConfig.DEFAULT_CHAT_PORT < 65536);
    }

    @Test
    void anUnknownConstantIsNamed() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> CourseConfig.constant("NO_SUCH_KEY"));
        assertTrue(e.getMessage().contains("NO_SUCH_KEY"), e.getMessage());
    }

    @Test
    void theCacheFolderIsCourseCacheElseUnderTheHomeFolder() {
        assertEquals(Path.of("/data/course-cache"), CourseConfig.cacheDir(Map.of("COURSE_CACHE", " /data/course-cache ")::get));
        assertEquals(Path.of(System.getProperty("user.home")).resolve(CourseConfig.constant("DEFAULT_CACHE_UNDER_HOME")),
                CourseConfig.cacheDir(Map.of("COURSE_CACHE", "")::get));
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
        assertEquals(CourseConfig.DEFAULT_OLLAMA_BASE_URL, c.ollama());
        assertEquals(CourseConfig.DEFAULT_CHAT_MODEL, c.chatModel());
    }

    @Test
    void aMalformedUrlIsOneSentenceNamingTheVariableAndTheFix() {
        for (String bad : new String[] {"127.0.0.1:11434", "localhost", "ftp://host:21", "http://host:11434/api", "http://"}) {
            CourseError e = assertThrows(CourseError.class, () -> CourseConfig.from(Map.of("OLLAMA_BASE_URL", bad)), bad);
            assertTrue(e.getMessage().startsWith("OLLAMA_BASE_URL='" + bad + "'"), e.getMessage());
            assertTrue(e.getMessage().contains("export OLLAMA_BASE_URL=" + CourseConfig.DEFAULT_OLLAMA_BASE_URL), e.getMessage());
            assertEquals(0, e.getStackTrace().length, "a set-up error carries no stack trace to bury the sentence");
        }
    }
}
