package genai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import genai.http.JsonClient;

/**
 * Reads the JSON a model wrote when its reply was constrained by a JSON schema (Ollama's
 * {@code format}, LangChain4j's {@code ResponseFormat}), and only when the reply is complete.
 *
 * <p>A schema makes the sampler emit valid JSON token by token, but the token budget
 * ({@code num_predict}, {@code maxOutputTokens}) can still stop it half-way: the reply then ends in
 * the middle of a string with {@code done_reason: "length"} (ollama/ollama#2577, langchain4j#4585).
 * Parsing such a reply either fails with a parser trace or, worse, succeeds on a truncated value.
 * These methods look at the finish reason first and stop with one sentence instead.
 */
public final class StructuredOutput {

    private StructuredOutput() {}

    /**
     * The model's reply could not be read as complete JSON (cut off by the token budget, or not JSON):
     * a fault of this reply, not of the service, so a cell may catch it and go on.
     */
    public static final class IncompleteReply extends CourseError {
        IncompleteReply(String sentence) {
            super(sentence);
        }
    }

    /**
     * The JSON in an Ollama {@code /api/chat} ({@code message.content}) or {@code /api/generate}
     * ({@code response}) reply.
     *
     * @throws IncompleteReply if the reply was cut off by the token budget or is not JSON
     */
    public static JsonNode parse(JsonNode ollamaReply) {
        String text = ollamaReply.has("message") ? ollamaReply.at("/message/content").asText("") : ollamaReply.path("response").asText("");
        if ("length".equals(ollamaReply.path("done_reason").asText())) {
            throw cutOff(ollamaReply.path("eval_count").asInt(-1));
        }
        return read(text);
    }

    /**
     * The JSON in a LangChain4j chat response.
     *
     * @throws IncompleteReply if the finish reason is LENGTH (cut off) or the text is not JSON
     */
    public static JsonNode parse(ChatResponse response) {
        if (response.finishReason() == FinishReason.LENGTH) {
            Integer tokens = response.tokenUsage() == null ? null : response.tokenUsage().outputTokenCount();
            throw cutOff(tokens == null ? -1 : tokens);
        }
        return read(response.aiMessage().text());
    }

    static IncompleteReply cutOff(int tokens) {
        return new IncompleteReply("The model's JSON reply was cut off by the token budget" + (tokens >= 0 ? " after " + tokens + " tokens" : "")
                + " before it was complete, so it is not read: raise num_predict (maxOutputTokens in LangChain4j) or ask for a"
                + " shorter answer.");
    }

    private static JsonNode read(String text) {
        try {
            JsonNode node = JsonClient.json().readTree(text == null ? "" : text);
            if (node == null || node.isMissingNode()) throw new IllegalArgumentException("empty");
            return node;
        } catch (Exception e) {
            String start = text == null ? "" : text.strip();
            throw new IncompleteReply("The model's reply finished but is not JSON (" + (start.length() > 60 ? start.substring(0, 60) + "..." : start)
                    + "): send a JSON schema as the request's format (responseFormat in LangChain4j) so the server enforces it.");
        }
    }
}
