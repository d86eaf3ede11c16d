package genai;

import genai.guard.BudgetedChat;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;
import genai.http.HttpStub;
import genai.http.JsonClient;
import genai.stack.CourseConfig;

/** BudgetedChat against a local stub that streams like Ollama's /api/chat. */
class BudgetedChatTest {

    private static String stream(int tokens, String doneReason) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < tokens; i++) b.append("{\"message\":{\"role\":\"assistant\",\"content\":\"w").append(i).append(" \"},\"done\":false}\n");
        return b.append("{\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"done\":true,\"done_reason\":\"").append(doneReason)
                .append("\",\"eval_count\":").append(tokens).append(",\"prompt_eval_count\":12}\n").toString();
    }

    private static JsonClient rest(HttpStub stub) {
        return new JsonClient(stub.url(), Duration.ofSeconds(5), CourseConfig.from(Map.of("OLLAMA_BASE_URL", stub.url())));
    }

    @Test
    void countsTokensAndNamesWhatStoppedTheReply() {
        try (HttpStub stub = new HttpStub(Map.of("/api/chat", new HttpStub.Reply(200, stream(5, "length"))))) {
            BudgetedChat chat = new BudgetedChat("m", new BudgetedChat.Limits(5, Duration.ofSeconds(30), 12), rest(stub));
            BudgetedChat.Reply r = chat.ask("sys", "write forever");
            assertEquals(5, r.outputTokens());
            assertEquals("num_predict", r.stoppedBy());
            assertEquals("w0 w1 w2 w3 w4 ", r.text());
            assertEquals(5, chat.spent());
            chat.ask(null, "again");
            assertEquals(10, chat.spent());
        }
    }

    @Test
    void aSpentSessionRefusesWithoutCallingTheModel() {
        try (HttpStub stub = new HttpStub(Map.of("/api/chat", new HttpStub.Reply(200, stream(3, "stop"))))) {
            BudgetedChat chat = new BudgetedChat("m", new BudgetedChat.Limits(5, Duration.ofSeconds(30), 3), rest(stub));
            assertEquals("stop", chat.ask(null, "hi").stoppedBy());
            int calls = stub.requests.size();
            BudgetedChat.Reply refused = chat.ask(null, "hi again");
            assertEquals("refused", refused.stoppedBy());
            assertEquals(calls, stub.requests.size());
            assertEquals(3, chat.spent());
        }
    }

    @Test
    void theTimeBudgetClosesTheStream() {
        try (HttpStub stub = new HttpStub(Map.of("/api/chat", new HttpStub.Reply(200, stream(2000, "stop"))))) {
            BudgetedChat chat = new BudgetedChat("m", new BudgetedChat.Limits(4000, Duration.ofNanos(1), 100_000), rest(stub));
            BudgetedChat.Reply r = chat.ask(null, "hi");
            assertEquals("time budget", r.stoppedBy());
            assertEquals(1, r.outputTokens());
        }
    }
}
