package genai.http;

import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;

import java.util.List;
import java.util.Set;

/**
 * A LangChain4j {@link ChatModel} that behaves exactly like the one it wraps, except that a stopped
 * server, a call past the time limit or a missing model surfaces as one sentence ({@link ExceptionMapper#fromModel})
 * instead of a forty-line trace. Every other
 * method of the interface funnels into {@link #chat(ChatRequest)}, so that one override is enough.
 */
public final class ErrorMappingChatModel implements ChatModel {

    private final ChatModel delegate;
    private final ExceptionMapper.ModelErrors errors;

    /**
     * @param delegate the model to guard (its own settings are used unchanged)
     * @param baseUrl the Ollama URL it talks to, named in the sentences
     * @param model the model name it asks for, named when the server lacks it
     */
    public ErrorMappingChatModel(ChatModel delegate, String baseUrl, String model) {
        this.delegate = delegate;
        this.errors = new ExceptionMapper.ModelErrors(baseUrl, model);
    }

    /** The delegate's answer. @throws CourseError for a stopped server, a timeout or a missing model */
    @Override
    public ChatResponse chat(ChatRequest request) {
        try {
            return delegate.chat(request);
        } catch (RuntimeException e) {
            throw errors.map(e);
        }
    }

    @Override
    public ChatRequestParameters defaultRequestParameters() {
        return delegate.defaultRequestParameters();
    }

    @Override
    public List<ChatModelListener> listeners() {
        return delegate.listeners();
    }

    @Override
    public ModelProvider provider() {
        return delegate.provider();
    }

    @Override
    public Set<Capability> supportedCapabilities() {
        return delegate.supportedCapabilities();
    }

    @Override
    public String toString() {
        return errors.describe("ErrorMappingChatModel");
    }
}
