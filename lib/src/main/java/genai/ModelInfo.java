package genai;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import genai.http.JsonClient;

/**
 * What Ollama's {@code POST /api/show} says about a model that the course's helpers need: its
 * capabilities, its context window, its stop sequences and its chat template.
 *
 * @param name the model name as asked
 * @param capabilities what the server lets the model do, e.g. ["completion"], ["completion", "tools"]
 * @param numCtx the context window a request gets when it sets no {@code num_ctx} (tokens): the
 *     Modelfile's {@code num_ctx} parameter if it sets one, else Ollama's default of 4096 (v0.24)
 * @param trainedContext the context length the model was trained with (GGUF {@code *.context_length}), 0 if not reported
 * @param stops the Modelfile's stop sequences, in order
 * @param template the Go template that turns messages into the prompt
 * @param quantization the storage type of the served weights as Ollama labels it ({@code details.quantization_level}:
 *     "Q4_1", "F16", "Q4_K_M"...), "" if not reported. The course's own 135M model reads "F16" on a CPU
 *     (stack/gguf_f16.py) and "Q4_1" in the class stack.
 */
public record ModelInfo(String name, List<String> capabilities, int numCtx, long trainedContext, List<String> stops, String template,
                        String quantization) {

    /** Ollama v0.24's context window when neither the request nor the Modelfile sets num_ctx. */
    public static final int OLLAMA_DEFAULT_NUM_CTX = 4096;

    /**
     * Asks the configured Ollama about {@code model}.
     *
     * @throws CourseError if Ollama is down or has no such model
     */
    public static ModelInfo of(String model) {
        return from(model, JsonClient.ollama().post("/api/show", JsonClient.object().put("model", model)));
    }

    /**
     * Reads an {@code /api/show} answer (for a program that asked its own Ollama, such as the chat app).
     *
     * @param model the model name as asked
     * @param show the JSON body of Ollama's {@code POST /api/show}
     * @return what it says
     */
    public static ModelInfo from(String model, JsonNode show) {
        List<String> capabilities = new ArrayList<>();
        show.path("capabilities").forEach(c -> capabilities.add(c.asText()));
        int numCtx = OLLAMA_DEFAULT_NUM_CTX;
        Set<String> stops = new LinkedHashSet<>();
        for (String line : show.path("parameters").asText("").split("\n")) {
            String[] parts = line.strip().split("\\s+", 2);
            if (parts.length < 2) continue;
            if (parts[0].equals("num_ctx")) {
                numCtx = Integer.parseInt(parts[1].strip());
            } else if (parts[0].equals("stop")) {
                stops.add(unquote(parts[1].strip()));
            }
        }
        long trained = 0;
        var fields = show.path("model_info").fields();
        while (fields.hasNext()) {
            var field = fields.next();
            if (field.getKey().endsWith(".context_length")) trained = field.getValue().asLong();
        }
        return new ModelInfo(model, List.copyOf(capabilities), numCtx, trained, List.copyOf(stops), show.path("template").asText(""),
                show.path("details").path("quantization_level").asText(""));
    }

    /** Whether the server lists {@code capability} ("completion", "tools", "vision", "embedding", "thinking"...). */
    public boolean supports(String capability) {
        return capabilities.contains(capability);
    }

    /**
     * The stop list to send with a request that wants {@code extra} stop sequences too. Ollama
     * replaces the Modelfile's stop list with a request's {@code stop} list instead of merging them
     * (ollama/ollama#4524), so a request that sets only its own stops lets the model run past its
     * end-of-turn marker; this keeps the model's own first, then adds {@code extra} (no duplicates).
     */
    public List<String> stopsWith(String... extra) {
        Set<String> all = new LinkedHashSet<>(stops);
        all.addAll(List.of(extra));
        return List.copyOf(all);
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            try {
                return JsonClient.json().readValue(value, String.class);
            } catch (Exception notJson) {
                return value.substring(1, value.length() - 1);
            }
        }
        return value;
    }
}
