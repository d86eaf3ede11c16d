package genai.metrics;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.UUID;

/**
 * Speed figures from the timings Ollama reports with every non-streamed reply (and the last streamed
 * line): {@code prompt_eval_count} tokens of prompt evaluated in {@code prompt_eval_duration}
 * nanoseconds, {@code eval_count} tokens generated in {@code eval_duration}, after
 * {@code load_duration} spent loading the model.
 *
 * <p><b>The prompt cache.</b> Ollama keeps the KV cache of the last prompt and reuses its longest
 * shared prefix: {@code prompt_eval_duration} then covers only the tokens it computed while
 * {@code prompt_eval_count} still counts the whole prompt, so a repeated prompt shows prompt speeds up
 * to a hundred times too high (ollama/ollama#2068, #8008; measured here: 873 ms, then 12 ms for the
 * same 36 tokens). A prompt-speed figure is honest only for a prompt the cache cannot serve:
 * {@link #uncached(String)} makes one.
 *
 * @param promptTokens prompt tokens, cached or not
 * @param promptSeconds time spent evaluating the part of the prompt that was not cached
 * @param generatedTokens tokens generated
 * @param generationSeconds time spent generating them
 * @param loadSeconds time spent loading the model for this request (0 when it was loaded)
 */
public record Throughput(int promptTokens, double promptSeconds, int generatedTokens, double generationSeconds, double loadSeconds) {

    /** Reads the timing fields of an Ollama /api/generate or /api/chat reply (missing fields count as 0). */
    public static Throughput of(JsonNode ollamaReply) {
        return new Throughput(ollamaReply.path("prompt_eval_count").asInt(), ollamaReply.path("prompt_eval_duration").asLong() / 1e9,
                ollamaReply.path("eval_count").asInt(), ollamaReply.path("eval_duration").asLong() / 1e9,
                ollamaReply.path("load_duration").asLong() / 1e9);
    }

    /** Prompt tokens per second; NaN when no prompt time was reported. Valid only for an {@link #uncached} prompt. */
    public double promptTokensPerSecond() {
        return promptSeconds > 0 ? promptTokens / promptSeconds : Double.NaN;
    }

    /** Generated tokens per second; NaN when nothing was generated. */
    public double generatedTokensPerSecond() {
        return generationSeconds > 0 ? generatedTokens / generationSeconds : Double.NaN;
    }

    /**
     * {@code prompt} behind a first line no earlier request shared ("Request 1f3c9a2e."), so Ollama's
     * prompt cache can serve none of it and the prompt is evaluated in full. The line costs a few
     * tokens and, for a chat model, a little of its attention: use it for measurements, not for answers
     * a lesson reads.
     */
    public static String uncached(String prompt) {
        return "Request " + UUID.randomUUID().toString().substring(0, 8) + ".\n" + prompt;
    }
}
