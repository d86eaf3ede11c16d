package genai.guard;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import genai.http.JsonClient;

import java.time.Duration;

/**
 * Consumption limits on a chat (OWASP Top 10 for LLM Applications 2025, LLM10 Unbounded Consumption:
 * cap output length, time and the total a user may spend). Three limits, each enforced in code:
 * <ul>
 *   <li>{@code numPredict}: Ollama's cap on generated tokens per reply, enforced by the server;</li>
 *   <li>a wall-clock budget per reply: the reply is streamed and the stream is closed as soon as the
 *       budget is spent, which makes Ollama stop generating;</li>
 *   <li>a per-session budget of generated tokens: a call is refused when the session has none left,
 *       and a reply is cut when it would take the session over.</li>
 * </ul>
 * Tokens are counted as Ollama streams them: one line per generated token, checked against the
 * final line's {@code eval_count} when the reply finishes.
 */
public final class BudgetedChat {

    /**
     * The limits.
     *
     * @param numPredict    generated tokens per reply, at least 1
     * @param wallClock     time per reply, positive
     * @param sessionTokens generated tokens per session, at least 1
     */
    public record Limits(int numPredict, Duration wallClock, long sessionTokens) {
        /** @throws IllegalArgumentException if a limit is not positive */
        public Limits {
            if (numPredict < 1 || wallClock.isNegative() || wallClock.isZero() || sessionTokens < 1) {
                throw new IllegalArgumentException("Every limit must be positive: numPredict " + numPredict + ", wallClock " + wallClock + ", sessionTokens " + sessionTokens + ".");
            }
        }
    }

    /**
     * One reply.
     *
     * @param text         what was generated (possibly cut)
     * @param outputTokens generated tokens
     * @param millis       wall-clock time of the call
     * @param stoppedBy    "stop" (the model finished), "num_predict", "time budget", "session budget" or
     *                     "refused" (the session had no tokens left; no model call)
     */
    public record Reply(String text, int outputTokens, long millis, String stoppedBy) {}

    private final String model;
    private final Limits limits;
    private final JsonClient ollama;
    private long spent;

    /** A session on this model of the configured Ollama with these limits; nothing spent yet. */
    public BudgetedChat(String model, Limits limits) {
        this(model, limits, JsonClient.ollama());
    }

    /** The same on another server (a classroom's, or a test's). */
    public BudgetedChat(String model, Limits limits, JsonClient ollama) {
        this.model = model;
        this.limits = limits;
        this.ollama = ollama;
    }

    /** Generated tokens spent in this session so far (never above {@code limits.sessionTokens()}). */
    public long spent() {
        return spent;
    }

    /**
     * Sends one user turn (after an optional system prompt) at temperature 0 and streams the reply
     * under the three limits.
     *
     * @param system the system prompt, or null
     * @throws genai.CourseError if Ollama fails
     */
    public Reply ask(String system, String user) {
        long start = System.nanoTime();
        long left = limits.sessionTokens() - spent;
        if (left <= 0) return new Reply("", 0, 0, "refused");
        ObjectNode body = JsonClient.object().put("model", model).put("stream", true);
        ArrayNode messages = body.putArray("messages");
        if (system != null) messages.addObject().put("role", "system").put("content", system);
        messages.addObject().put("role", "user").put("content", user);
        body.putObject("options").put("temperature", 0).put("seed", 7).put("num_predict", (int) Math.min(limits.numPredict(), left));
        StringBuilder text = new StringBuilder();
        int[] tokens = {0};
        String[] why = {"stop"};
        long deadline = start + limits.wallClock().toNanos();
        try {
            ollama.stream("/api/chat", body, line -> {
                if (line.path("done").asBoolean(false)) {
                    tokens[0] = Math.max(tokens[0], line.path("eval_count").asInt(tokens[0]));
                    if ("length".equals(line.path("done_reason").asText())) {
                        why[0] = tokens[0] >= left && left < limits.numPredict() ? "session budget" : "num_predict";
                    }
                    return;
                }
                text.append(line.at("/message/content").asText(""));
                tokens[0]++;
                if (System.nanoTime() > deadline) {
                    why[0] = "time budget";
                    throw new Stop();
                }
            });
        } catch (Stop stopped) {
            // closing the stream is what stops the generation
        }
        spent += tokens[0];
        return new Reply(text.toString(), tokens[0], (System.nanoTime() - start) / 1_000_000, why[0]);
    }

    private static final class Stop extends RuntimeException {
        Stop() {
            super(null, null, false, false);
        }
    }
}
