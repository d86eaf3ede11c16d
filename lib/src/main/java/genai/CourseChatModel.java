package genai;

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
 * server or a missing model surfaces as one sentence instead of a forty-line trace. Every other
 * method of the interface funnels into {@link #chat(ChatRequest)}, so that one override is enough.
 */
public final class CourseChatModel implements ChatModel {

    private final ChatModel delegate;
    private final String baseUrl;
    private final String model;

    public CourseChatModel(ChatModel delegate, String baseUrl, String model) {
        this.delegate = delegate;
        this.baseUrl = baseUrl;
        this.model = model;
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        try {
            return delegate.chat(request);
        } catch (RuntimeException e) {
            throw OllamaErrors.translate(e, baseUrl, model);
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

    /** The wrapped model, for code that needs Ollama-specific methods. */
    public ChatModel unwrap() {
        return delegate;
    }

    @Override
    public String toString() {
        return "CourseChatModel[" + model + " at " + baseUrl + "]";
    }
}
