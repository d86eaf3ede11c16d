package genai.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpMethod;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.HttpClientBuilderLoader;
import dev.langchain4j.http.client.sse.ServerSentEvent;
import dev.langchain4j.http.client.sse.ServerSentEventContext;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;

import java.time.Duration;

/**
 * The HTTP client the course's LangChain4j Ollama models use: LangChain4j's own JDK client with two
 * corrections for faults LangChain4j 1.11 has with Ollama. Plumbing: {@link genai.Models} installs it.
 *
 * <ol>
 *   <li>Every chat or generate request carries {@code "truncate": false}, which LangChain4j cannot
 *       send: without it Ollama drops the start of a prompt longer than the context window and
 *       answers 200 (ollama/ollama#3839, langchain4j#6017). The resulting HTTP 400 becomes
 *       {@link ExceptionMapper#contextOverflow} with the request's window and size.</li>
 *   <li>A streamed line {@code {"error": ...}} (Ollama's way of failing after its 200 header) is
 *       passed to the listener's {@code onError}; LangChain4j 1.11 ignores it and calls no handler
 *       method at all, so the cell would wait for ever (langchain4j#5107, fixed upstream after 1.11.0).</li>
 * </ol>
 */
public final class OllamaTransport implements HttpClientBuilder {

    private final HttpClientBuilder jdk = HttpClientBuilderLoader.loadHttpClientBuilder();
    private final String baseUrl;

    /** The transport for the Ollama at {@code baseUrl} (no trailing slash), named in its error sentences. */
    public OllamaTransport(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    @Override
    public Duration connectTimeout() {
        return jdk.connectTimeout();
    }

    @Override
    public HttpClientBuilder connectTimeout(Duration timeout) {
        jdk.connectTimeout(timeout);
        return this;
    }

    @Override
    public Duration readTimeout() {
        return jdk.readTimeout();
    }

    @Override
    public HttpClientBuilder readTimeout(Duration timeout) {
        jdk.readTimeout(timeout);
        return this;
    }

    @Override
    public HttpClient build() {
        HttpClient inner = jdk.build();
        return new HttpClient() {
            @Override
            public SuccessfulHttpResponse execute(HttpRequest request) {
                HttpRequest sent = withoutTruncation(request);
                try {
                    return inner.execute(sent);
                } catch (HttpException e) {
                    throw overflowOr(e, sent);
                }
            }

            @Override
            public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
                HttpRequest sent = withoutTruncation(request);
                inner.execute(sent, parser, new ErrorLineListener(listener, sent));
            }
        };
    }

    /** The request with {@code "truncate": false} added to a chat/generate POST body that lacks it. */
    static HttpRequest withoutTruncation(HttpRequest request) {
        boolean chatOrGenerate = request.url().endsWith("/api/chat") || request.url().endsWith("/api/generate");
        if (request.method() != HttpMethod.POST || !chatOrGenerate || request.body() == null) {
            return request;
        }
        JsonNode body;
        try {
            body = JsonClient.json().readTree(request.body());
        } catch (Exception notJson) {
            return request;
        }
        if (!(body instanceof ObjectNode object) || object.has("truncate")) {
            return request;
        }
        object.put("truncate", false);
        return HttpRequest.builder().method(request.method()).url(request.url()).headers(request.headers())
                .body(object.toString()).build();
    }

    private RuntimeException overflowOr(RuntimeException error, HttpRequest request) {
        if (!(error instanceof HttpException http) || http.statusCode() != 400
                || !String.valueOf(http.getMessage()).contains("exceeds the context length")) {
            return error;
        }
        JsonNode body;
        try {
            body = JsonClient.json().readTree(request.body());
        } catch (Exception notJson) {
            return error;
        }
        return ExceptionMapper.contextOverflow(baseUrl, body);
    }

    /** Passes events on, but turns an {@code {"error": ...}} line into {@code onError} and an HTTP 400 overflow into its sentence. */
    private final class ErrorLineListener implements ServerSentEventListener {
        private final ServerSentEventListener delegate;
        private final HttpRequest request;
        private volatile boolean failed;

        ErrorLineListener(ServerSentEventListener delegate, HttpRequest request) {
            this.delegate = delegate;
            this.request = request;
        }

        @Override
        public void onOpen(SuccessfulHttpResponse response) {
            delegate.onOpen(response);
        }

        @Override
        public void onEvent(ServerSentEvent event, ServerSentEventContext context) {
            if (passes(event)) delegate.onEvent(event, context);
        }

        @Override
        public void onEvent(ServerSentEvent event) {
            if (passes(event)) delegate.onEvent(event);
        }

        /** Whether the event goes on to LangChain4j: not after a failure, and not an error line, which becomes onError. */
        private boolean passes(ServerSentEvent event) {
            if (failed) return false;
            if (isErrorLine(event)) {
                failed = true;
                delegate.onError(new HttpException(200, event.data()));
                return false;
            }
            return true;
        }

        @Override
        public void onError(Throwable error) {
            if (failed) return;
            failed = true;
            delegate.onError(error instanceof RuntimeException r ? overflowOr(r, request) : error);
        }

        @Override
        public void onClose() {
            delegate.onClose();
        }

        private boolean isErrorLine(ServerSentEvent event) {
            String data = event.data();
            if (data == null || !data.contains("\"error\"")) return false;
            try {
                return JsonClient.json().readTree(data).hasNonNull("error");
            } catch (Exception notJson) {
                return false;
            }
        }
    }
}
