package genai.http;

import genai.CourseError;
import genai.Models;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import genai.stack.CourseConfig;

/** The course's LangChain4j Ollama models, against a local stand-in server: the request they send and the faults they meet. */
class OllamaTransportTest {

    private static final String REPLY = "{\"model\":\"m\",\"message\":{\"role\":\"assistant\",\"content\":\"Hi\"},\"done\":true,"
            + "\"done_reason\":\"stop\",\"prompt_eval_count\":3,\"eval_count\":1}";

    private static CourseConfig configFor(RawStub stub) {
        return CourseConfig.from(Map.of("OLLAMA_BASE_URL", stub.url()));
    }

    @Test
    void everyChatRequestAsksOllamaNotToCutThePrompt() throws Exception {
        try (RawStub stub = new RawStub((ex, body) -> RawStub.json(ex, 200, REPLY))) {
            ChatModel model = Models.build(configFor(stub), "m", b -> b.numCtx(256));
            assertEquals("Hi", model.chat("hello"));
            var sent = JsonClient.json().readTree(stub.bodies.get(0));
            assertEquals(false, sent.get("truncate").asBoolean(true));
            assertEquals(256, sent.at("/options/num_ctx").asInt());
        }
    }

    @Test
    void aPromptLongerThanTheWindowIsOneSentenceWithItsSize() {
        // Ollama 0.24's answer to a prompt over num_ctx when "truncate" is false.
        try (RawStub stub = new RawStub((ex, body) -> RawStub.json(ex, 400, "{\"error\":\"the input length exceeds the context length\"}"))) {
            ChatModel model = Models.build(configFor(stub), "m", b -> b.numCtx(256));
            String prompt = "Remember this: the locker code is 7341. " + "The river ran slowly past the old mill. ".repeat(30);
            CourseError e = assertThrows(CourseError.class, () -> model.chat(prompt));
            assertEquals("The prompt for 'm' (" + prompt.length() + " characters, about " + prompt.length() / 4 + " tokens) is longer"
                    + " than the context window of 256 tokens (num_ctx), so Ollama at " + stub.url() + " refused it rather than"
                    + " silently drop its start: shorten the prompt (fewer retrieved chunks, a shorter history) or raise num_ctx.",
                    e.getMessage());
        }
    }

    @Test
    void aModelWithoutToolSupportIsOneSentenceNamingTheVariable() {
        try (RawStub stub = new RawStub((ex, body) -> RawStub.json(ex, 400,
                "{\"error\":\"registry.ollama.ai/library/smollm2-135m-instruct:latest does not support tools\"}"))) {
            ChatModel model = Models.build(configFor(stub), "smollm2-135m-instruct", b -> { });
            CourseError e = assertThrows(CourseError.class, () -> model.chat("hello"));
            assertEquals("The model 'smollm2-135m-instruct' at " + stub.url() + " does not support tools (Ollama's /api/show lists its"
                    + " capabilities): set COURSE_CHAT_MODEL to a model that does ('make status' lists the installed ones), or use"
                    + " the lesson's way that works without tools.", e.getMessage());
        }
    }

    @Test
    void aStreamThatFailsHalfWayEndsAtOnceWithTheServersReason() {
        // langchain4j#5107: 1.11 calls no handler method for this stream; the course's HTTP client reports the error line.
        try (RawStub stub = new RawStub((ex, body) -> RawStub.ndjson(ex, 0,
                "{\"model\":\"m\",\"message\":{\"role\":\"assistant\",\"content\":\"Hel\"},\"done\":false}",
                "{\"error\":\"model runner has unexpectedly stopped\"}"))) {
            var config = configFor(stub);
            var model = new ErrorMappingStreamingChatModel(
                    dev.langchain4j.model.ollama.OllamaStreamingChatModel.builder().baseUrl(stub.url()).modelName("m")
                            .httpClientBuilder(new OllamaTransport(stub.url())).build(), config.ollama(), "m", Duration.ofSeconds(60));
            long start = System.nanoTime();
            RuntimeException e = assertThrows(RuntimeException.class,
                    () -> model.chat(ChatRequest.builder().messages(UserMessage.from("hi")).build(), piece -> { }));
            assertTrue((System.nanoTime() - start) / 1e9 < 20, "it ended by itself, not by the 60 s idle limit");
            assertTrue(String.valueOf(e.getMessage()).contains("model runner has unexpectedly stopped"), e.toString());
        }
    }
}
