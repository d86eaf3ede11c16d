package genai.http;

import genai.CourseError;

import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A LangChain4j {@link StreamingChatModel} guarded like {@link ErrorMappingChatModel}: the handler's
 * {@code onError} receives the one-sentence {@link CourseError} for a stopped server, a timeout or a
 * missing model instead of the raw exception.
 *
 * <p>{@link #chat(ChatRequest, Consumer)} is the blocking form a notebook cell wants: it hands each
 * piece to a callback as it arrives and returns the complete response. It never waits forever: if
 * no piece and no end arrive for {@code idleLimit} (LangChain4j 1.11 calls no handler method when
 * Ollama ends a stream with an error line, langchain4j#5107), it stops with a sentence.
 */
public final class ErrorMappingStreamingChatModel implements StreamingChatModel {

    private final StreamingChatModel delegate;
    private final ExceptionMapper.ModelErrors errors;
    private final Duration idleLimit;

    /**
     * @param delegate the streaming model to guard
     * @param baseUrl the Ollama URL it talks to
     * @param model the model name it asks for
     * @param idleLimit the longest silence (no piece, no end) the blocking {@link #chat(ChatRequest, Consumer)} accepts
     */
    public ErrorMappingStreamingChatModel(StreamingChatModel delegate, String baseUrl, String model, Duration idleLimit) {
        this.delegate = delegate;
        this.errors = new ExceptionMapper.ModelErrors(baseUrl, model);
        this.idleLimit = idleLimit;
    }

    @Override
    public void chat(ChatRequest request, StreamingChatResponseHandler handler) {
        StreamingChatResponseHandler guarded = new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(String partialResponse) {
                handler.onPartialResponse(partialResponse);
            }

            @Override
            public void onPartialResponse(PartialResponse partialResponse, PartialResponseContext context) {
                // the two-argument form carries the StreamingHandle that cancels the stream: pass it on
                handler.onPartialResponse(partialResponse, context);
            }

            @Override
            public void onCompleteResponse(ChatResponse completeResponse) {
                handler.onCompleteResponse(completeResponse);
            }

            @Override
            public void onError(Throwable error) {
                handler.onError(errors.map(error));
            }
        };
        try {
            delegate.chat(request, guarded);
        } catch (RuntimeException e) {
            throw errors.map(e);
        }
    }

    /**
     * Streams {@code request}, hands every piece of text to {@code onPartial} on the caller's behalf
     * (from LangChain4j's thread, in order), and waits for the end.
     *
     * @return the complete response (its text is the pieces joined)
     * @throws CourseError for a stopped server, a missing model, or a stream silent for longer than the idle limit
     */
    public ChatResponse chat(ChatRequest request, Consumer<String> onPartial) {
        return chatUntil(request, onPartial, () -> false);
    }

    /**
     * {@link #chat(ChatRequest, Consumer)} that stops the generation when {@code stop} turns true (the
     * reader went away): at the next piece it cancels the stream with LangChain4j 1.11's
     * {@code StreamingHandle.cancel()}, which closes the HTTP request, and Ollama stops generating when
     * its connection closes (a stream nobody reads would otherwise keep the model busy until
     * {@code num_predict}, ollama#11889).
     *
     * @param stop asked before every piece is handed on; true stops the stream
     * @return the complete response, or null when the stream was stopped
     * @throws CourseError as {@link #chat(ChatRequest, Consumer)}
     */
    public ChatResponse chatUntil(ChatRequest request, Consumer<String> onPartial, java.util.function.BooleanSupplier stop) {
        var finished = new CompletableFuture<ChatResponse>();
        var lastSign = new java.util.concurrent.atomic.AtomicLong(System.nanoTime());
        chat(request, new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(PartialResponse piece, PartialResponseContext context) {
                lastSign.set(System.nanoTime());
                if (finished.isDone()) return;
                if (stop.getAsBoolean()) {
                    context.streamingHandle().cancel();
                    finished.complete(null);
                    return;
                }
                onPartial.accept(piece.text());
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
                finished.complete(response);
            }

            @Override
            public void onError(Throwable error) {
                finished.completeExceptionally(error);
            }
        });
        while (true) {
            try {
                return finished.get(1, TimeUnit.SECONDS);
            } catch (TimeoutException notYet) {
                if (System.nanoTime() - lastSign.get() > idleLimit.toNanos()) {
                    throw new CourseError("Ollama at " + errors.baseUrl() + " sent nothing for " + idleLimit.toSeconds() + " s while streaming"
                            + " from '" + errors.model() + "' and never said the answer was complete: check 'make status' (its log may say"
                            + " why), then run this cell again.");
                }
            } catch (ExecutionException failed) {
                throw errors.map(failed.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CourseError("Interrupted while streaming from Ollama: run the cell again.");
            }
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
        return errors.describe("ErrorMappingStreamingChatModel");
    }
}
