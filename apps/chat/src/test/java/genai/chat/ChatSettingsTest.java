package genai.chat;

import genai.stack.CourseConfig;
import genai.CourseError;
import genai.data.DocumentFiles;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChatSettingsTest {

    @Test
    void theDefaultsServeTheMenusOnLoopback() {
        ChatSettings s = ChatSettings.from(Map.of());
        assertEquals(CourseConfig.SERVICE_HOST, s.host());
        assertEquals(CourseConfig.DEFAULT_CHAT_PORT, s.port());
        assertEquals(10 * DocumentFiles.MB, s.maxUploadBytes());
        Path root = ChatSettings.repositoryRoot();
        assertTrue(Files.isDirectory(root.resolve("apps/chat")), "the repository root is found from apps/chat: " + root);
        assertEquals(root.resolve("data/menus"), s.docs());
        assertEquals(root.resolve("data/menus/system-prompt.txt"), s.systemPrompt());
        assertTrue(Files.isRegularFile(s.systemPrompt()), "the system prompt is committed");
        assertEquals(CourseConfig.DEFAULT_CHAT_MODEL, s.course().chatModel());
    }

    @Test
    void variablesAndWithersChangeIt() {
        ChatSettings s = ChatSettings.from(Map.of("CHAT_HOST", "0.0.0.0", "CHAT_PORT", "0", "CHAT_MAX_UPLOAD_MB", "2",
                "CHAT_DOCS", "/srv/menus", "COURSE_CHAT_MODEL", "llama3.2:3b"));
        assertEquals("0.0.0.0", s.host());
        assertEquals(0, s.port());
        assertEquals(2 * DocumentFiles.MB, s.maxUploadBytes());
        assertEquals(Path.of("/srv/menus"), s.docs());
        assertEquals("llama3.2:3b", s.course().chatModel());
        ChatSettings changed = s.withPort(7071).withModel("qwen2.5:3b").withDocs(Path.of("/tmp/d")).withSystemPrompt(Path.of("/tmp/p.txt"));
        assertEquals(7071, changed.port());
        assertEquals("qwen2.5:3b", changed.course().chatModel());
        assertEquals(s.course().ollamaBaseUrl(), changed.course().ollamaBaseUrl());
        assertEquals(Path.of("/tmp/d"), changed.docs());
        assertEquals(Path.of("/tmp/p.txt"), changed.systemPrompt());
    }

    @Test
    void aMalformedNumberIsOneSentence() {
        CourseError e = assertThrows(CourseError.class, () -> ChatSettings.from(Map.of("CHAT_PORT", "seventy")));
        assertEquals("CHAT_PORT='seventy' is not a whole number from 0 to 65535: fix it (export CHAT_PORT=" + CourseConfig.DEFAULT_CHAT_PORT + ") or unset it"
                + " to use that default.", e.getMessage());
        assertThrows(CourseError.class, () -> ChatSettings.from(Map.of("CHAT_MAX_UPLOAD_MB", "0")));
    }
}
