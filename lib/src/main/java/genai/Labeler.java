package genai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import genai.http.JsonClient;

/**
 * Classification by a chat model whose reply is constrained by a JSON schema: lesson 01 builds it by
 * hand, lessons 05 and 06 reuse it from here. One request per text to Ollama's {@code /api/chat}:
 *
 * <pre>{@code
 * {"model": ..., "stream": false,
 *  "messages": [system: instruction (unless null), (user: example text, assistant: {"label": example label})..., user: prompt(text)],
 *  "format": {"type": "object", "properties": {"label": {"type": "string", "enum": labels}}, "required": ["label"]},
 *  "options": {"temperature": 0, "num_predict": maxTokens[, "seed": seed]}}
 * }</pre>
 *
 * <p>The schema makes Ollama's sampler emit only JSON whose {@code label} is one of the labels, so
 * the reply cannot name a fourth class. It can still be cut off by {@code num_predict} (a small model
 * may pad with whitespace): a reply is read as JSON when it finished; a cut-off reply counts only if
 * its {@code "label": "..."} pair is already complete (the grammar allowed nothing else there);
 * otherwise the label is {@link #INVALID}.
 *
 * <p>Instances are immutable; each {@code with...} returns a changed copy.
 */
public final class Labeler {

    /** The label of a reply that holds no complete label. */
    public static final String INVALID = "(invalid)";

    private static final Pattern LABEL_PAIR = Pattern.compile("\"label\"\\s*:\\s*\"([^\"]*)\"");

    /**
     * One classified text.
     *
     * @param label one of the labels, or {@link #INVALID}
     * @param reply the model's raw reply text
     * @param doneReason Ollama's done_reason: "stop" (finished) or "length" (cut off by num_predict)
     * @param promptTokens tokens of the whole prompt (instruction, examples, text) as Ollama counted them
     * @param outputTokens tokens generated
     * @param computeMs prompt evaluation plus generation time Ollama reports, in milliseconds (no queueing, no load)
     */
    public record Label(String label, String reply, String doneReason, int promptTokens, int outputTokens, double computeMs) {
        /** Whether the reply held one of the labels. */
        public boolean valid() {
            return !INVALID.equals(label);
        }
    }

    private final String model;
    private final String instruction;
    private final List<String> labels;
    private final List<Map.Entry<String, String>> examples;
    private final UnaryOperator<String> prompt;
    private final int maxTokens;
    private final Long seed;
    private final JsonClient ollama;
    private final boolean stopAtClose;

    private Labeler(String model, String instruction, List<String> labels, List<Map.Entry<String, String>> examples,
                    UnaryOperator<String> prompt, int maxTokens, Long seed, JsonClient ollama, boolean stopAtClose) {
        if (labels.isEmpty()) {
            throw new IllegalArgumentException("a labeler needs at least one label");
        }
        this.model = model;
        this.instruction = instruction;
        this.labels = List.copyOf(labels);
        this.examples = List.copyOf(examples);
        this.prompt = prompt;
        this.maxTokens = maxTokens;
        this.seed = seed;
        this.ollama = ollama;
        this.stopAtClose = stopAtClose;
    }

    /**
     * A zero-shot labeler on the configured Ollama: the text is sent as it is, at most 24 tokens come back.
     *
     * @param model an Ollama model name, e.g. {@code Course.config().chatModel()}
     * @param instruction the system message: what the labels mean; null sends no system message (a base
     *     model, which only continues text, gets its task from {@link #withPrompt} instead)
     * @param labels the allowed labels (the schema's enum)
     */
    public static Labeler of(String model, String instruction, List<String> labels) {
        return new Labeler(model, instruction, labels, List.of(), UnaryOperator.identity(), 24, null, JsonClient.ollama(), false);
    }

    /** A copy that shows these (text, label) pairs first, each as a user turn and the assistant's JSON answer (few-shot). */
    public Labeler withExamples(List<Map.Entry<String, String>> textAndLabel) {
        return new Labeler(model, instruction, labels, textAndLabel, prompt, maxTokens, seed, ollama, stopAtClose);
    }

    /** A copy that sends {@code prompt.apply(text)} as the user turn, e.g. {@code t -> "Sentence: " + t}. */
    public Labeler withPrompt(UnaryOperator<String> prompt) {
        return new Labeler(model, instruction, labels, examples, prompt, maxTokens, seed, ollama, stopAtClose);
    }

    /** A copy with {@code num_predict} = {@code maxTokens} (1..4096). */
    public Labeler withMaxTokens(int maxTokens) {
        if (maxTokens < 1 || maxTokens > 4096) {
            throw new IllegalArgumentException("maxTokens must be in 1..4096, got " + maxTokens);
        }
        return new Labeler(model, instruction, labels, examples, prompt, maxTokens, seed, ollama, stopAtClose);
    }

    /** A copy that sends this sampling seed (only matters above temperature 0). */
    public Labeler withSeed(long seed) {
        return new Labeler(model, instruction, labels, examples, prompt, maxTokens, seed, ollama, stopAtClose);
    }

    /**
     * A copy that ends generation at the reply's closing brace ({@code "stop": ["}"]}) instead of letting the model pad
     * the finished object with whitespace until {@code num_predict} (SmolLM2-135M did here: three of three lesson 08
     * classifier replies ran to their 16-token cap, the object closed after about 10). Safe because the object is flat and no label may hold a brace; the brace Ollama leaves out is
     * added back before parsing. Saves tokens only: the label read is the same.
     *
     * @throws IllegalArgumentException if a label contains a closing brace
     */
    public Labeler withStopAtClose() {
        if (labels.stream().anyMatch(l -> l.contains("}"))) {
            throw new IllegalArgumentException("a label holds '}', so the reply cannot be stopped at the first one: " + labels);
        }
        return new Labeler(model, instruction, labels, examples, prompt, maxTokens, seed, ollama, true);
    }

    /** A copy that talks to another server (for tests and classroom set-ups). */
    Labeler withRest(JsonClient rest) {
        return new Labeler(model, instruction, labels, examples, prompt, maxTokens, seed, rest, stopAtClose);
    }

    /** The request body sent for {@code text}, as shown in the class comment. */
    public ObjectNode request(String text) {
        ObjectNode body = JsonClient.object().put("model", model).put("stream", false);
        ArrayNode messages = body.putArray("messages");
        if (instruction != null) {
            messages.addObject().put("role", "system").put("content", instruction);
        }
        for (Map.Entry<String, String> example : examples) {
            messages.addObject().put("role", "user").put("content", prompt.apply(example.getKey()));
            messages.addObject().put("role", "assistant").put("content", JsonClient.object().put("label", example.getValue()).toString());
        }
        messages.addObject().put("role", "user").put("content", prompt.apply(text));
        ObjectNode schema = body.putObject("format").put("type", "object");
        ObjectNode label = schema.putObject("properties").putObject("label").put("type", "string");
        labels.forEach(label.putArray("enum")::add);
        schema.putArray("required").add("label");
        ObjectNode options = body.putObject("options").put("temperature", 0).put("num_predict", maxTokens);
        if (seed != null) {
            options.put("seed", seed);
        }
        if (stopAtClose) {
            options.putArray("stop").add("}");
        }
        return body;
    }

    /**
     * Classifies one text.
     *
     * @throws CourseError if Ollama is down, lacks the model or answers an error
     */
    public Label label(String text) {
        JsonNode reply = ollama.post("/api/chat", request(text));
        String content = reply.at("/message/content").asText();
        String doneReason = reply.path("done_reason").asText("");
        // Ollama leaves the stop text out of the reply: parse it with the brace put back.
        String closed = stopAtClose && "stop".equals(doneReason) && !content.strip().endsWith("}") ? content + "}" : content;
        double computeMs = (reply.path("prompt_eval_duration").asLong() + reply.path("eval_duration").asLong()) / 1e6;
        return new Label(parse(closed, doneReason), content, doneReason, reply.path("prompt_eval_count").asInt(),
                reply.path("eval_count").asInt(), computeMs);
    }

    /** Classifies {@code texts} one after another; results in the same order. */
    public List<Label> labelAll(List<String> texts) {
        List<Label> out = new ArrayList<>(texts.size());
        for (String text : texts) {
            out.add(label(text));
        }
        return out;
    }

    /**
     * Classifies {@code texts} with up to {@code inFlight} requests open at once (Ollama queues what it
     * cannot run in parallel); results in the same order as {@code texts}.
     */
    public List<Label> labelAll(List<String> texts, int inFlight) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, inFlight));
        try {
            List<Future<Label>> pending = new ArrayList<>();
            for (String text : texts) {
                pending.add(pool.submit(() -> label(text)));
            }
            List<Label> out = new ArrayList<>(texts.size());
            for (Future<Label> f : pending) {
                out.add(f.get());
            }
            return out;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new RuntimeException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CourseError("Interrupted while labelling: run the cell again.");
        } finally {
            pool.shutdownNow();
        }
    }

    /** The label in a reply: from the JSON when the reply finished, from a complete label pair when it was cut off. */
    String parse(String content, String doneReason) {
        String found = null;
        if (!"length".equals(doneReason)) {
            try {
                JsonNode node = JsonClient.json().readTree(content);
                found = node == null ? null : node.path("label").asText(null);
            } catch (Exception notJson) {
                found = null;
            }
        }
        if (found == null) {
            Matcher m = LABEL_PAIR.matcher(content);
            found = m.find() ? m.group(1) : null;
        }
        return found != null && labels.contains(found) ? found : INVALID;
    }
}
