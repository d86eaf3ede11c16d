package genai.chat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import genai.stack.CourseConfig;
import genai.CourseError;
import genai.ModelInfo;
import genai.http.JsonClient;
import genai.gguf.GgufFile;
import genai.gguf.GgufTokenizer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * The model's context window, counted in the model's own tokens, and the fitting of one request into it.
 *
 * <p>Characters are no measure of a prompt: English runs about 4 characters a token with SmolLM2's
 * tokenizer, Chinese about 0.5, so a character limit written for English lets a Chinese question
 * fill the window. Tokens are counted with the model's tokenizer, read from the GGUF file a local
 * Ollama serves ({@link GgufTokenizer}, byte-level BPE), or else with Ollama's own count (the
 * {@code prompt_eval_count} of a one-token generation over the text, raw, so no template is added).
 * Ollama silently drops the start of a prompt that does not fit {@code num_ctx} unless told not to,
 * and the course tells it not to, so a prompt that does not fit is refused: the request is fitted
 * before it is sent.
 */
final class PromptWindow {

    /** Tokens the chat template adds around one message (role markers, separators); SmolLM2's adds 5. */
    static final int PER_MESSAGE = 8;

    private final int contextTokens;
    private final ToIntFunction<String> counter;
    private final String counting;
    private final Map<String, Integer> cache = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
            return size() > 512;
        }
    });

    PromptWindow(int contextTokens, ToIntFunction<String> counter, String counting) {
        this.contextTokens = contextTokens;
        this.counter = counter;
        this.counting = counting;
    }

    /**
     * The window of {@code config}'s chat model: its {@code num_ctx} from Ollama's {@code /api/show}, and
     * its tokenizer when the GGUF file is on this machine and byte-level BPE, else Ollama's count.
     *
     * @throws CourseError when Ollama does not answer or does not know the model
     */
    static PromptWindow forModel(CourseConfig config) {
        String model = config.chatModel();
        JsonClient ollama = new JsonClient(config.ollama(), CourseConfig.REQUEST_TIMEOUT, config);
        JsonNode show = ollama.post("/api/show", JsonClient.object().put("model", model));
        int window = ModelInfo.from(model, show).numCtx();
        Path gguf = GgufFile.fromModelfile(show.path("modelfile").asText(""));
        if (gguf != null && Files.isRegularFile(gguf)) {
            try {
                GgufTokenizer tokenizer = GgufTokenizer.of(GgufFile.open(gguf));
                return new PromptWindow(window, text -> tokenizer.encode(text).length, "the model's tokenizer");
            } catch (RuntimeException notThisOne) {
                // another tokenizer family, or a file over 2 GiB: Ollama counts instead
            }
        }
        return new PromptWindow(window, text -> {
            JsonNode reply = ollama.post("/api/generate", Map.of("model", model, "prompt", text, "raw", true, "stream", false,
                    "options", Map.of("num_predict", 1, "temperature", 0)));
            return reply.path("prompt_eval_count").asInt(0);
        }, "Ollama's count");
    }

    /** The context window in tokens ({@code num_ctx}). */
    int contextTokens() {
        return contextTokens;
    }

    /** How tokens are counted: "the model's tokenizer" or "Ollama's count". */
    String counting() {
        return counting;
    }

    /** The tokens of {@code text} (cached by text: a remembered turn is counted once). */
    int tokens(String text) {
        if (text.isEmpty()) return 0;
        return cache.computeIfAbsent(text, counter::applyAsInt);
    }

    /** The tokens of a message with the template's share around it. */
    int tokens(ChatMessage message) {
        String text = switch (message.type()) {
            case SYSTEM -> ((SystemMessage) message).text();
            case USER -> ((UserMessage) message).singleText();
            case AI -> String.valueOf(((AiMessage) message).text());
            default -> message.toString();
        };
        return tokens(text) + PER_MESSAGE;
    }

    /**
     * A request that fits: the system prompt, as many of the latest earlier turns as fit, and the question
     * with as many of the passages (best first) as fit, leaving {@code replyTokens} for the answer.
     *
     * @param messages the messages to send
     * @param passages the passages they carry
     * @param droppedTurns earlier questions (with their answers) left out
     * @param promptTokens the prompt's size in tokens, counted as above
     */
    record Fitted(List<ChatMessage> messages, List<Passage> passages, int droppedTurns, int promptTokens) {}

    /**
     * Fits one request into the window: the oldest turns go first, then the weakest passages.
     *
     * @return the fitted request, or null when the system prompt and the question alone leave no room for the reply
     */
    Fitted fit(String systemPrompt, List<ChatMessage> memory, String question, List<Passage> passages, int replyTokens) {
        int budget = contextTokens - replyTokens;
        SystemMessage system = SystemMessage.from(systemPrompt);
        List<Passage> kept = new ArrayList<>(passages);
        UserMessage user = UserMessage.from(ChatService.userPrompt(question, kept));
        int fixed = tokens(system) + tokens(user);
        List<ChatMessage> history = new ArrayList<>(memory);
        int historyTokens = history.stream().mapToInt(this::tokens).sum();
        int dropped = 0;
        while (fixed + historyTokens > budget && !history.isEmpty()) {
            // a turn is a question and its answer: drop them together so the memory still alternates
            historyTokens -= tokens(history.remove(0));
            if (!history.isEmpty() && history.get(0) instanceof AiMessage) historyTokens -= tokens(history.remove(0));
            dropped++;
        }
        while (fixed > budget && !kept.isEmpty()) {
            kept.remove(kept.size() - 1);
            int before = tokens(user);
            user = UserMessage.from(ChatService.userPrompt(question, kept));
            fixed += tokens(user) - before;
        }
        if (fixed > budget) return null;
        List<ChatMessage> out = new ArrayList<>();
        out.add(system);
        out.addAll(history);
        out.add(user);
        return new Fitted(out, List.copyOf(kept), dropped, fixed + historyTokens);
    }
}
