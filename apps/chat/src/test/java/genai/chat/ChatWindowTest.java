package genai.chat;

import com.fasterxml.jackson.databind.JsonNode;
import genai.http.JsonClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 22, points 3 and 4: the request must fit the model's window counted in tokens, a long question
 * must not lock the conversation, and a closed tab must stop the generation. Ollama is the stub, whose
 * "tokenizer" (its /api/generate count) gives one token per UTF-8 byte.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ChatWindowTest {

    static OllamaStub ollama;
    static Path dir;
    static ChatApp app;

    @BeforeAll
    static void start() throws IOException {
        dir = Files.createTempDirectory("chat-window-test");
        Files.writeString(dir.resolve("prompt.txt"), "You are a test guide. Cite the menu.");
        Files.createDirectories(dir.resolve("no-menus"));
        ollama = new OllamaStub();
        ollama.numCtx = 1024;
        app = ChatApp.start(ChatSettings.from(Map.of("OLLAMA_BASE_URL", ollama.url(), "CHROMA_URL", "http://127.0.0.1:" + OllamaStub.closedPort(),
                        "COURSE_CHAT_MODEL", "stub-model"))
                .withPort(0).withDocs(dir.resolve("no-menus")).withSystemPrompt(dir.resolve("prompt.txt")));
    }

    @AfterAll
    static void stop() {
        app.close();
        ollama.close();
    }

    @BeforeEach
    void replyNormally() {
        ollama.mode = OllamaStub.Mode.REPLY;
    }

    /** The tokens of a request body as the stub counts them: UTF-8 bytes of every message plus the template's share. */
    static int stubTokens(String chatBody) throws IOException {
        int tokens = 0;
        for (JsonNode m : JsonClient.json().readTree(chatBody).path("messages")) {
            tokens += m.path("content").asText("").getBytes(StandardCharsets.UTF_8).length + 8;   // PromptWindow.PER_MESSAGE
        }
        return tokens;
    }

    @Test
    void aLongChineseQuestionIsRefusedByItsTokensAndLaterQuestionsAreStillAnswered() {
        ChatClient browser = new ChatClient(app.url());
        int before = ollama.chatBodies().size();
        // 300 characters, far under the 2,000-character limit, but 900 tokens for the stub's tokenizer (3 bytes each)
        String chinese = "请问这家餐厅的素食菜单上有哪些菜".repeat(19).substring(0, 300);
        ChatClient.Reply refused = browser.ask(chinese);
        assertNotNull(refused.error(), "a question over a quarter of the window was answered: " + refused.events());
        assertTrue(refused.error().contains("tokens") && !refused.error().contains("num_ctx"), refused.error());
        assertEquals(before, ollama.chatBodies().size(), "the refused question still reached the model");
        ChatClient.Reply next = browser.ask("Which dish has saffron?");
        assertNull(next.error(), "a short question after a long one was refused: " + next.error());
    }

    @Test
    void theMemoryIsFittedIntoTheWindowOldestTurnsFirst() throws IOException {
        ChatClient browser = new ChatClient(app.url());
        List<String> questions = List.of("A".repeat(200), "B".repeat(200), "C".repeat(200), "D".repeat(200));
        for (String q : questions) assertNull(browser.ask(q).error());
        List<String> bodies = ollama.chatBodies();
        String last = bodies.get(bodies.size() - 1);
        int sent = stubTokens(last);
        assertTrue(sent + ChatService.MAX_REPLY_TOKENS <= ollama.numCtx,
                "the last request was " + sent + " tokens, which with the reply's " + ChatService.MAX_REPLY_TOKENS + " overflows the " + ollama.numCtx + "-token window");
        assertTrue(last.contains("C".repeat(200)), "the latest earlier turn was dropped before older ones");
        assertFalse(last.contains("A".repeat(200)), "the oldest turn was kept although the window was full");
        assertEquals(8, browser.history().size(), "the page's history keeps every turn");
    }

    @Test
    void theCharacterLimitCountsCodePointsNotUtf16Units() {
        ChatClient browser = new ChatClient(app.url());
        String emoji = "🙂".repeat(2100);
        String error = browser.ask(emoji).error();
        assertNotNull(error);
        assertTrue(error.contains("2100 characters"), error);
    }

    @Test
    void aClosedTabStopsTheGeneration() throws Exception {
        ollama.mode = OllamaStub.Mode.SLOW_LONG_REPLY;
        URI uri = URI.create(app.url());
        byte[] body = "{\"message\":\"What is on the menu?\"}".getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/chat HTTP/1.1\r\nHost: " + uri.getHost() + "\r\nContent-Type: application/json\r\nContent-Length: "
                    + body.length + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.write(body);
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null && !line.startsWith("event: token"); line = in.readLine()) {
                // headers, the "open" comment
            }
        }   // the tab closes at the first token
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (!ollama.slowStreamEnded && System.nanoTime() < deadline) Thread.sleep(50);
        assertTrue(ollama.slowStreamEnded);
        assertTrue(ollama.slowStreamBroken && ollama.slowPiecesWritten < OllamaStub.SLOW_PIECES,
                "the model kept generating for a closed tab: " + ollama.slowPiecesWritten + " of " + OllamaStub.SLOW_PIECES + " pieces written");
    }

    @Test
    void aPromptOllamaStillRefusesGetsOneSentenceNamingReset() {
        ollama.mode = OllamaStub.Mode.CONTEXT_OVERFLOW;
        String error = new ChatClient(app.url()).ask("Which dish has saffron?").error();
        assertEquals(ChatService.CONTEXT_FULL, error);
        assertTrue(error.contains("Reset") && !error.contains("num_ctx") && !error.contains("chunks"), error);
    }
}
