package genai.chat;

import com.fasterxml.jackson.core.JsonProcessingException;
import genai.http.JsonClient;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The server-sent events of one POST /api/chat, written with Javalin's {@link SseClient}. Javalin's own
 * SSE route answers only GET requests that send {@code Accept: text/event-stream}; a question is a POST
 * body, and a Java or Python client should not need that header, so the response is opened here the way
 * Javalin's handler opens it. While the model has not started (Ollama may be busy with other sessions'
 * questions), a comment line every {@value #HEARTBEAT_SECONDS} s keeps proxies and idle timeouts from
 * closing the connection.
 */
final class EventStream implements AutoCloseable {

    static final int HEARTBEAT_SECONDS = 10;

    private final SseClient client;
    private final ScheduledFuture<?> heartbeat;
    private volatile long lastSendNanos = System.nanoTime();

    EventStream(Context ctx, ScheduledExecutorService timer) {
        var res = ctx.res();
        res.setStatus(200);
        res.setCharacterEncoding("UTF-8");
        res.setContentType("text/event-stream");
        res.addHeader("Cache-Control", "no-cache");
        res.addHeader("X-Accel-Buffering", "no");
        this.client = new SseClient(ctx);
        this.heartbeat = timer.scheduleAtFixedRate(() -> {
            if (System.nanoTime() - lastSendNanos > TimeUnit.SECONDS.toNanos(HEARTBEAT_SECONDS)) comment("waiting");
        }, HEARTBEAT_SECONDS, HEARTBEAT_SECONDS, TimeUnit.SECONDS);
        comment("open");
    }

    /** Sends one event whose data is {@code data} as JSON; a browser that went away is not an error. */
    synchronized void send(String event, Object data) {
        if (client.terminated()) return;
        try {
            client.sendEvent(event, JsonClient.json().writeValueAsString(data));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        lastSendNanos = System.nanoTime();
    }

    private synchronized void comment(String text) {
        if (client.terminated()) return;
        client.sendComment(text);
        lastSendNanos = System.nanoTime();
    }

    /** Whether the browser is gone (the answer is still finished and remembered). */
    boolean terminated() {
        return client.terminated();
    }

    @Override
    public synchronized void close() {
        heartbeat.cancel(false);
        client.close();
    }
}
