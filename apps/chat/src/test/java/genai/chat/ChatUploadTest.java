package genai.chat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Issue 22, point 7: the same content uploaded under several names is stored once. */
class ChatUploadTest {

    static OllamaStub ollama;
    static ChatApp app;

    @BeforeAll
    static void start() throws IOException {
        Path dir = Files.createTempDirectory("chat-upload-test");
        Files.writeString(dir.resolve("prompt.txt"), "You are a test guide. Cite the menu.");
        Files.createDirectories(dir.resolve("no-menus"));
        ollama = new OllamaStub();
        app = ChatApp.start(ChatSettings.from(Map.of("OLLAMA_BASE_URL", ollama.url(), "CHROMA_URL", "http://127.0.0.1:" + OllamaStub.closedPort(),
                        "COURSE_CHAT_MODEL", "stub-model"))
                .withPort(0).withDocs(dir.resolve("no-menus")).withSystemPrompt(dir.resolve("prompt.txt")));
    }

    @AfterAll
    static void stop() {
        app.close();
        ollama.close();
    }

    @Test
    void theSameMenuUnderThreeNamesIsStoredOnceAndAnswersCiteItOnce() {
        ChatClient browser = new ChatClient(app.url());
        byte[] menu = ChatAppTest.MENU.getBytes(StandardCharsets.UTF_8);
        ChatClient.Upload first = browser.upload("menu.md", menu);
        assertEquals(200, first.status());
        assertTrue(first.segments() > 0);
        ChatClient.Upload second = browser.upload("menu (1).md", menu);
        ChatClient.Upload third = browser.upload("menu (2).md", menu);
        assertEquals(200, second.status());
        assertEquals(0, second.segments(), "the same content was stored again under another name");
        assertEquals(0, third.segments());
        var sources = browser.ask("Where can I eat saffron risotto?").sources();
        assertEquals(sources.size(), sources.stream().map(ChatClient.Source::id).distinct().count());
        assertEquals(1, sources.stream().map(ChatClient.Source::title).distinct().count(), sources.toString());
        assertEquals(first.segments(), sources.size() > 0 ? Math.min(first.segments(), Knowledge.TOP_K) : -1, sources.toString());
    }

    @Test
    void aChangedFileUnderTheSameNameStillReplacesTheOldOne() {
        ChatClient browser = new ChatClient(app.url());
        assertTrue(browser.upload("card.md", "# Card\n\nLemon tart, 6 euros.\n".getBytes(StandardCharsets.UTF_8)).segments() > 0);
        assertTrue(browser.upload("card.md", "# Card\n\nApple tart, 7 euros.\n".getBytes(StandardCharsets.UTF_8)).segments() > 0);
        assertTrue(browser.upload("copy.md", "# Card\n\nLemon tart, 6 euros.\n".getBytes(StandardCharsets.UTF_8)).segments() > 0,
                "content whose only copy was replaced must be stored again");
    }
}
