package genai.http;

import genai.CourseError;
import genai.Models;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.ollama.OllamaChatModel;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import genai.stack.CourseConfig;

class ErrorMappingChatModelTest {

    private static ChatModel guarded(String url, String model) {
        OllamaChatModel ollama = OllamaChatModel.builder().baseUrl(url).modelName(model)
                .timeout(Duration.ofSeconds(5)).maxRetries(0).build();
        return new ErrorMappingChatModel(ollama, url, model);
    }

    @Test
    void theCourseBuilderDoesNotRetryAFailedCall() {
        try (HttpStub stub = new HttpStub(Map.of("/api/chat", new HttpStub.Reply(500, "{\"error\":\"runner crashed\"}")))) {
            var config = CourseConfig.from(Map.of("OLLAMA_BASE_URL", stub.url()));
            ChatModel model = Models.build(config, "m", b -> { });
            assertThrows(RuntimeException.class, () -> model.chat("hi"));
            assertEquals(1, stub.requests.size(), "one request: retries would each print a stack trace");
        }
    }

    @Test
    void aStoppedOllamaIsOneSentence() {
        String url = "http://127.0.0.1:" + HttpStub.closedPort();
        CourseError e = assertThrows(CourseError.class, () -> guarded(url, "m").chat("hi"));
        assertEquals("Ollama stopped answering at " + url + " (connection refused): run 'make up', then run this cell again.",
                e.getMessage());
    }

    @Test
    void aModelOllamaDoesNotHaveIsOneSentence() {
        // What Ollama answers to /api/chat for a model it does not have.
        try (HttpStub stub = new HttpStub(Map.of("/api/chat",
                new HttpStub.Reply(404, "{\"error\":\"model \\\"nope\\\" not found, try pulling it first\"}")))) {
            CourseError e = assertThrows(CourseError.class, () -> guarded(stub.url(), "nope").chat("hi"));
            assertEquals("Ollama at " + stub.url() + " has no model 'nope': run 'make models', or choose an installed model"
                    + " ('make status' lists them).", e.getMessage());
            assertEquals(1, stub.requests.size(), "one request, no retries");
        }
    }

    @Test
    void otherErrorsAreLeftAlone() {
        try (HttpStub stub = new HttpStub(Map.of("/api/chat", new HttpStub.Reply(500, "{\"error\":\"boom\"}")))) {
            RuntimeException e = assertThrows(RuntimeException.class, () -> guarded(stub.url(), "m").chat("hi"));
            assertEquals(false, e instanceof CourseError, "a server error is not a set-up problem: " + e);
        }
    }

    @Test
    void anAdjustmentThatRenamesTheModelIsNamedInTheSentence() {
        try (HttpStub stub = new HttpStub(Map.of("/api/chat",
                new HttpStub.Reply(404, "{\"error\":\"model \\\"other\\\" not found, try pulling it first\"}")))) {
            var config = CourseConfig.from(Map.of("OLLAMA_BASE_URL", stub.url()));
            ChatModel model = Models.build(config, "m", b -> b.modelName("other").numPredict(5));
            CourseError e = assertThrows(CourseError.class, () -> model.chat("hi"));
            assertEquals("Ollama at " + stub.url() + " has no model 'other': run 'make models', or choose an installed model"
                    + " ('make status' lists them).", e.getMessage());
        }
    }
}
