package genai.http;

import genai.CourseError;

import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.ollama.OllamaStreamingChatModel;
import dev.langchain4j.data.message.UserMessage;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ErrorMappingStreamingChatModelTest {

    private static ErrorMappingStreamingChatModel guarded(String url, Duration idle) {
        var model = OllamaStreamingChatModel.builder().baseUrl(url).modelName("m").timeout(Duration.ofSeconds(20)).build();
        return new ErrorMappingStreamingChatModel(model, url, "m", idle);
    }

    private static final ChatRequest HI = ChatRequest.builder().messages(UserMessage.from("hi")).build();

    @Test
    void piecesArriveAndAddUpToTheResponse() {
        try (RawStub stub = new RawStub((ex, body) -> RawStub.ndjson(ex, 10,
                "{\"model\":\"m\",\"message\":{\"role\":\"assistant\",\"content\":\"Hel\"},\"done\":false}",
                "{\"model\":\"m\",\"message\":{\"role\":\"assistant\",\"content\":\"lo\"},\"done\":false}",
                "{\"model\":\"m\",\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"done\":true,\"done_reason\":\"stop\","
                        + "\"prompt_eval_count\":3,\"eval_count\":2}"))) {
            var pieces = new StringBuilder();
            ChatResponse response = guarded(stub.url(), Duration.ofSeconds(10)).chat(HI, pieces::append);
            assertEquals("Hello", pieces.toString());
            assertEquals("Hello", response.aiMessage().text());
        }
    }

    @Test
    void aStreamThatEndsWithAnErrorLineDoesNotHangTheCell() {
        // LangChain4j 1.11 calls no handler method for this stream (langchain4j#5107): the idle limit ends the wait.
        try (RawStub stub = new RawStub((ex, body) -> RawStub.ndjson(ex, 0,
                "{\"model\":\"m\",\"message\":{\"role\":\"assistant\",\"content\":\"Hel\"},\"done\":false}",
                "{\"error\":\"model runner has unexpectedly stopped\"}"))) {
            long start = System.nanoTime();
            CourseError e = assertThrows(CourseError.class, () -> guarded(stub.url(), Duration.ofSeconds(2)).chat(HI, piece -> { }));
            double seconds = (System.nanoTime() - start) / 1e9;
            assertTrue(seconds < 15, "gave up after " + seconds + " s");
            assertTrue(e.getMessage().startsWith("Ollama at " + stub.url() + " sent nothing for 2 s while streaming from 'm'")
                    || e.getMessage().contains("unexpectedly stopped"), e.getMessage());
        }
    }

    @Test
    void aStoppedServerIsOneSentence() {
        String url = "http://127.0.0.1:" + HttpStub.closedPort();
        CourseError e = assertThrows(CourseError.class, () -> guarded(url, Duration.ofSeconds(10)).chat(HI, piece -> { }));
        assertEquals("Ollama stopped answering at " + url + " (connection refused): run 'make up', then run this cell again.",
                e.getMessage());
    }
}
