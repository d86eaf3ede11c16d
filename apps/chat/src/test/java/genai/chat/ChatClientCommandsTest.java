package genai.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import genai.http.JsonClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The JSON-lines commands through which tests/chat_client.py and bench/python/chat_load.py drive the app: the same
 * client as lesson 09, so the event stream has one reader. Ollama is the stub.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ChatClientCommandsTest {

    static OllamaStub ollama;
    static ChatApp app;

    @BeforeAll
    static void start() throws IOException {
        ollama = new OllamaStub();
        app = ollama.startAppWithoutMenus("You are a test guide.");
    }

    @AfterAll
    static void stop() {
        app.close();
        ollama.close();
    }

    private static ObjectNode run(ChatClient client, String command) throws IOException {
        return client.command(JsonClient.json().readTree(command));
    }

    @Test
    void aChatCommandAnswersTheEventsTokensAndTimesOfOneReply() throws IOException {
        ChatClient client = new ChatClient(app.url());
        ObjectNode chat = run(client, "{\"op\":\"chat\",\"message\":\"Is there soup?\"}");
        assertTrue(chat.path("error").isNull(), chat.toString());
        assertEquals("done", chat.get("events").get(chat.get("events").size() - 1).asText());
        assertTrue(chat.get("tokens").size() > 0);
        assertFalse(chat.path("done").isNull());
        assertTrue(chat.get("sources").isArray());
        double first = chat.get("first_token_s").asDouble(), total = chat.get("total_s").asDouble();
        assertTrue(first > 0 && first <= total, chat.toString());
        StringBuilder text = new StringBuilder();
        chat.get("tokens").forEach(t -> text.append(t.asText()));

        JsonNode history = run(client, "{\"op\":\"history\"}").get("body");
        assertEquals(2, history.size());
        assertEquals(text.toString().strip(), history.get(1).path("text").asText().strip());
        assertNotNull(run(client, "{\"op\":\"session\"}").get("session").textValue(), "the session cookie is kept");

        assertEquals(200, run(client, "{\"op\":\"reset\"}").get("status").asInt());
        assertEquals(0, run(client, "{\"op\":\"history\"}").get("body").size());
    }

    @Test
    void getAnswersTheStatusAndTextAndUnknownCommandsAreOneSentence() throws IOException {
        ChatClient client = new ChatClient(app.url());
        ObjectNode missing = run(client, "{\"op\":\"get\",\"path\":\"/no/such/page\"}");
        assertEquals(404, missing.get("status").asInt());
        assertTrue(missing.has("text"));
        ObjectNode unknown = run(client, "{\"op\":\"fly\"}");
        assertEquals("Unknown command 'fly': use chat, upload, history, reset, get or session.", unknown.get("failure").asText());
    }
}
