package genai;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CourseConfigTest {

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
