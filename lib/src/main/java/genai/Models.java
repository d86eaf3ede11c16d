package genai;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.ollama.OllamaStreamingChatModel;

import java.time.Duration;
import java.util.function.Consumer;
import genai.http.ErrorMappingChatModel;
import genai.http.ErrorMappingStreamingChatModel;
import genai.http.OllamaTransport;
import genai.stack.CourseConfig;

/**
 * LangChain4j Ollama models with the course's defaults, guarded so that a stopped server, a call
 * past {@link CourseConfig#REQUEST_TIMEOUT} or a missing model is one sentence ({@link CourseError}).
 *
 * <p>Defaults: the configured server and model, temperature 0 (a re-run gives the text the prose
 * describes; lessons that teach sampling set their own), the request timeout, and no retries (a
 * stopped server fails the same way every time, and each retry would print a stack trace above
 * the sentence). Their HTTP client ({@link OllamaTransport}) asks Ollama never to cut a prompt that is too
 * long for the context window (a sentence instead) and ends a stream that fails half-way. Adjust
 * any of the defaults in the same call:
 *
 * <pre>{@code
 * ChatModel tutor = Models.chat(b -> b.numPredict(50));
 * ChatModel base  = Models.base(b -> b.temperature(0.8).seed(7));
 * ErrorMappingStreamingChatModel live = Models.streaming(b -> b.numPredict(48));
 * }</pre>
 *
 * The model name in a guard's sentences is read back from the built model, so an adjustment that
 * sets {@code modelName(...)} is named correctly.
 */
public final class Models {

    /** The longest silence a streamed answer may have before {@link ErrorMappingStreamingChatModel#chat(dev.langchain4j.model.chat.request.ChatRequest, Consumer)} gives up. */
    public static final Duration STREAM_IDLE_LIMIT = Duration.ofSeconds(90);

    private Models() {}

    /** The configured instruction-tuned chat model ({@code COURSE_CHAT_MODEL}), guarded. */
    public static ChatModel chat() {
        return chat(b -> { });
    }

    /**
     * The configured chat model with the course defaults, adjusted by {@code adjust}, guarded.
     *
     * @param adjust changes to the builder, e.g. {@code b -> b.numPredict(50).responseFormat(format)}
     */
    public static ChatModel chat(Consumer<OllamaChatModel.OllamaChatModelBuilder> adjust) {
        return build(Course.config(), Course.config().chatModel(), adjust);
    }

    /** The configured base model ({@code COURSE_BASE_MODEL}), trained to continue text, not to follow instructions; guarded. */
    public static ChatModel base() {
        return base(b -> { });
    }

    /** The configured base model with the course defaults, adjusted by {@code adjust}, guarded. */
    public static ChatModel base(Consumer<OllamaChatModel.OllamaChatModelBuilder> adjust) {
        return build(Course.config(), Course.config().baseModel(), adjust);
    }

    /** The configured chat model as a streaming model, guarded. */
    public static ErrorMappingStreamingChatModel streaming() {
        return streaming(b -> { });
    }

    /** The configured chat model as a streaming model with the course defaults, adjusted by {@code adjust}, guarded. */
    public static ErrorMappingStreamingChatModel streaming(Consumer<OllamaStreamingChatModel.OllamaStreamingChatModelBuilder> adjust) {
        return streaming(Course.config(), STREAM_IDLE_LIMIT, adjust);
    }

    /**
     * {@code config}'s chat model on {@code config}'s Ollama as a streaming model with the course defaults,
     * adjusted by {@code adjust}, guarded: for a program that is given its configuration (the chat app, its
     * tests against a stub server) rather than reading this process's environment.
     *
     * @param idleLimit the longest silence the blocking {@link ErrorMappingStreamingChatModel#chat(dev.langchain4j.model.chat.request.ChatRequest, Consumer)}
     *     accepts; a server that queues requests (Ollama answers one at a time by default) needs the wait in the queue counted in
     * @throws CourseError if {@code idleLimit} is not positive
     */
    public static ErrorMappingStreamingChatModel streaming(CourseConfig config, Duration idleLimit,
                                                      Consumer<OllamaStreamingChatModel.OllamaStreamingChatModelBuilder> adjust) {
        if (idleLimit.isNegative() || idleLimit.isZero()) {
            throw new CourseError("The idle limit of a streaming model must be positive, not " + idleLimit + ": pass e.g. Duration.ofSeconds(90).");
        }
        var builder = OllamaStreamingChatModel.builder()
                .baseUrl(config.ollama())
                .modelName(config.chatModel())
                .temperature(0.0)
                .timeout(CourseConfig.REQUEST_TIMEOUT)
                .httpClientBuilder(new OllamaTransport(config.ollama()));
        adjust.accept(builder);
        OllamaStreamingChatModel model = builder.build();
        return new ErrorMappingStreamingChatModel(model, config.ollama(), nameOf(model, config.chatModel()), idleLimit);
    }

    /**
     * A chat model for {@code model} on {@code config}'s Ollama with the course defaults (temperature 0, the
     * request timeout, no retries, the course's transport), changed by {@code adjust}, errors mapped to sentences.
     *
     * @param model the Ollama model name, e.g. "smollm2-135m-instruct"
     * @param adjust changes to the builder, e.g. {@code b -> b.numCtx(2048)}
     */
    public static ChatModel build(CourseConfig config, String model, Consumer<OllamaChatModel.OllamaChatModelBuilder> adjust) {
        var builder = OllamaChatModel.builder()
                .baseUrl(config.ollama())
                .modelName(model)
                .temperature(0.0)
                .timeout(CourseConfig.REQUEST_TIMEOUT)
                .maxRetries(0)
                .httpClientBuilder(new OllamaTransport(config.ollama()));
        adjust.accept(builder);
        OllamaChatModel built = builder.build();
        return new ErrorMappingChatModel(built, config.ollama(), nameOf(built, model));
    }

    private static String nameOf(Object model, String fallback) {
        String name = model instanceof ChatModel chat ? chat.defaultRequestParameters().modelName()
                : model instanceof dev.langchain4j.model.chat.StreamingChatModel streaming
                ? streaming.defaultRequestParameters().modelName() : null;
        return name == null ? fallback : name;
    }
}
