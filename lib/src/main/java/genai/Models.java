package genai;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.ollama.OllamaStreamingChatModel;

import java.time.Duration;

/**
 * LangChain4j Ollama models with the course's defaults: the configured server and model,
 * temperature 0 so a re-run gives the same text as the prose describes (lessons that teach
 * sampling set it themselves), and a timeout long enough for a CPU.
 */
public final class Models {

    public static final Duration TIMEOUT = Duration.ofMinutes(5);

    private Models() {}

    /** A builder for the configured instruction-tuned chat model; call {@code .build()} or adjust first. */
    public static OllamaChatModel.OllamaChatModelBuilder chatBuilder() {
        return chatBuilder(Course.config().chatModel());
    }

    public static OllamaChatModel.OllamaChatModelBuilder chatBuilder(String model) {
        return chatBuilder(Course.config(), model);
    }

    // No retries: a stopped server or a missing model fails the same way every time, and each retry
    // would print LangChain4j's warning with a full stack trace above the one-sentence error.
    static OllamaChatModel.OllamaChatModelBuilder chatBuilder(CourseConfig config, String model) {
        return OllamaChatModel.builder()
                .baseUrl(config.ollama())
                .modelName(model)
                .temperature(0.0)
                .timeout(TIMEOUT)
                .maxRetries(0);
    }

    /** The configured chat model (COURSE_CHAT_MODEL). */
    public static ChatModel chat() {
        return guard(chatBuilder().build(), Course.config().chatModel());
    }

    /** The configured base model (COURSE_BASE_MODEL): trained to continue text, not to follow instructions. */
    public static ChatModel base() {
        return guard(chatBuilder(Course.config().baseModel()).build(), Course.config().baseModel());
    }

    /**
     * Wraps a model built from {@link #chatBuilder()} so that a stopped Ollama or a missing model
     * shows as one sentence: {@code Models.guard(Models.chatBuilder().temperature(0.8).build(), name)}.
     */
    public static ChatModel guard(ChatModel model, String modelName) {
        return new CourseChatModel(model, Course.config().ollama(), modelName);
    }

    public static OllamaStreamingChatModel.OllamaStreamingChatModelBuilder streamingBuilder() {
        return OllamaStreamingChatModel.builder()
                .baseUrl(Course.config().ollama())
                .modelName(Course.config().chatModel())
                .temperature(0.0)
                .timeout(TIMEOUT);
    }

    public static OllamaStreamingChatModel streaming() {
        return streamingBuilder().build();
    }
}
