package genai.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import genai.CourseError;
import genai.http.JsonClient;
import genai.StructuredOutput;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The agent loop of lessons 07 and 08: ask the model, run the tool calls it asks for through a
 * {@link ToolExecutor}, send the results back, repeat until it answers in words or the
 * {@link StepBudget} is spent. Every model call goes to Ollama's {@code /api/chat} through
 * {@link JsonClient#ollama()} (temperature 0, a fixed seed, {@code num_predict} capped).
 *
 * <p>Two ways to get a tool call out of the model:
 * <ul>
 *   <li>{@link Mode#NATIVE}: the request's {@code tools} array; Ollama renders it with the model's
 *       template and parses {@code message.tool_calls} out of the reply (the model needs the
 *       {@code tools} capability);</li>
 *   <li>{@link Mode#FORCED}: {@link ForcedToolChoice}'s JSON Schema in {@code format}; works with any
 *       model, the tool results go back as user messages. With thoughts on, this is a ReAct loop:
 *       thought, action, observation, ..., final answer.</li>
 * </ul>
 * Each {@link Run} keeps a transcript (one row per thought, action, observation, answer or stop). A model
 * that asks again for a call it already made (same tool, same arguments) learns nothing new from its
 * result, so the run stops there ("repeated call") rather than spend the rest of its budget repeating it.
 */
public final class Agent {

    /** How tool calls are asked for. */
    public enum Mode { NATIVE, FORCED }

    /**
     * One line of a transcript.
     *
     * @param step the model call it belongs to (1-based)
     * @param kind "thought", "action", "observation", "answer", "invalid" or "stop"
     * @param text what was said, called or returned
     */
    public record Step(int step, String kind, String text) {}

    /**
     * One finished run.
     *
     * @param request     the user's request
     * @param transcript  every thought, action, observation and answer, in order
     * @param results     the executor's result for every tool call the model made, in order
     * @param answer      the final answer in words, or "" if the run stopped first
     * @param steps       model calls made
     * @param tokens      prompt plus generated tokens over all calls
     * @param millis      wall-clock time of the run in milliseconds
     * @param stoppedBy   "answer", "step budget", "token budget", "invalid reply" or "repeated call" (the model
     *                    asked again for a call it had already made in this run, same tool and same arguments:
     *                    its result is in the transcript already, so the run stops instead of spending the budget)
     * @param invalidReplies model replies that could not be read as a call or an answer (forced mode)
     * @param cutReplies  model replies that stopped at the {@code num_predict} cap (Ollama's done_reason "length"): a cap
     *                    that binds may have cut a call or an answer short
     */
    public record Run(String request, List<Step> transcript, List<ToolResult> results, String answer, int steps,
                      long tokens, long millis, String stoppedBy, int invalidReplies, int cutReplies) {

        /** The calls the model made, in order (valid or not). */
        public List<ToolCall> calls() {
            return results.stream().map(ToolResult::call).toList();
        }
    }

    private final String model;
    private final ToolExecutor executor;
    private final Mode mode;
    private final StepBudget budget;
    private boolean thoughts;
    private boolean toolFirst;
    private int numPredict = 96;
    private String system;
    private JsonClient ollama;

    /**
     * An agent over the executor's tools.
     *
     * @param model    the Ollama model name (e.g. {@code Course.config().chatModel()})
     * @param executor runs and validates the calls
     * @param mode     native tool calling or schema-forced choice
     * @param budget   the limits of one run
     */
    public Agent(String model, ToolExecutor executor, Mode mode, StepBudget budget) {
        this.model = model;
        this.executor = executor;
        this.mode = mode;
        this.budget = budget;
        this.system = mode == Mode.FORCED ? ForcedToolChoice.systemPrompt(executor.specs()) : null;
    }

    /** Forced mode only: write a thought before every action (ReAct). @return this agent */
    public Agent withThoughts(boolean on) {
        this.thoughts = on;
        return this;
    }

    /**
     * Forced mode only: the first model call must call a tool (its schema has no {@code none} branch,
     * OpenAI's {@code tool_choice: "required"}); later calls may answer in words. @return this agent
     */
    public Agent toolFirst(boolean on) {
        this.toolFirst = on;
        return this;
    }

    /** The cap on generated tokens per model call (default 96). @return this agent */
    public Agent numPredict(int tokens) {
        this.numPredict = tokens;
        return this;
    }

    /** The Ollama to call instead of {@link JsonClient#ollama()} (unit tests point it at a stub server). @return this agent */
    public Agent using(JsonClient ollama) {
        this.ollama = ollama;
        return this;
    }

    /** Replaces the system prompt (null for none in native mode). @return this agent */
    public Agent system(String prompt) {
        this.system = prompt;
        return this;
    }

    /**
     * Runs the loop for one request. Tool failures and bad calls go back to the model as results; an
     * unreadable forced reply ends the run ("invalid reply").
     *
     * @throws CourseError if Ollama fails (down, unknown model, model without the tools capability)
     */
    public Run run(String request) {
        long start = System.nanoTime();
        JsonClient server = ollama != null ? ollama : JsonClient.ollama();
        ArrayNode messages = JsonClient.array();
        if (system != null) messages.addObject().put("role", "system").put("content", system);
        messages.addObject().put("role", "user").put("content", request);
        List<Step> transcript = new ArrayList<>();
        List<ToolResult> results = new ArrayList<>();
        int steps = 0;
        long tokens = 0;
        int invalid = 0;
        int cut = 0;
        String answer = "";
        String stoppedBy;
        while (true) {
            String exhausted = budget.exhausted(steps, tokens);
            if (exhausted != null) {
                stoppedBy = exhausted;
                transcript.add(new Step(steps, "stop", "stopped by the " + exhausted + " after " + steps + " model calls and " + tokens + " tokens"));
                break;
            }
            steps++;
            JsonNode reply = server.post("/api/chat", body(messages, steps == 1));
            tokens += reply.path("prompt_eval_count").asLong() + reply.path("eval_count").asLong();
            if ("length".equals(reply.path("done_reason").asText())) cut++;
            List<ToolCall> calls;
            if (mode == Mode.NATIVE) {
                calls = ToolCall.fromOllama(reply);
                if (calls.isEmpty()) {
                    answer = reply.at("/message/content").asText("");
                    transcript.add(new Step(steps, "answer", answer));
                    stoppedBy = "answer";
                    break;
                }
                if (isRepeat(calls, results)) {
                    transcript.add(new Step(steps, "stop", "repeated call " + calls + ": stopped without running it again"));
                    stoppedBy = "repeated call";
                    break;
                }
                ObjectNode assistant = messages.addObject().put("role", "assistant").put("content", "");
                ArrayNode tc = assistant.putArray("tool_calls");
                calls.forEach(c -> tc.add(c.toOllama()));
            } else {
                JsonNode parsed;
                try {
                    parsed = StructuredOutput.parse(reply);
                } catch (CourseError e) {
                    invalid++;
                    transcript.add(new Step(steps, "invalid", e.getMessage()));
                    stoppedBy = "invalid reply";
                    break;
                }
                if (parsed.hasNonNull("thought")) transcript.add(new Step(steps, "thought", parsed.get("thought").asText()));
                Optional<ToolCall> call = ForcedToolChoice.call(parsed);
                if (call.isEmpty()) {
                    answer = parsed.path("answer").asText("");
                    transcript.add(new Step(steps, "answer", answer));
                    stoppedBy = "answer";
                    break;
                }
                calls = List.of(call.get());
                if (isRepeat(calls, results)) {
                    transcript.add(new Step(steps, "stop", "repeated call " + call.get() + ": stopped without running it again"));
                    stoppedBy = "repeated call";
                    break;
                }
                messages.addObject().put("role", "assistant").put("content", parsed.toString());
            }
            for (ToolCall c : calls) {
                transcript.add(new Step(steps, "action", c.toString()));
                ToolResult r = executor.execute(c);
                results.add(r);
                transcript.add(new Step(steps, "observation", r.forModel()));
                if (mode == Mode.NATIVE) {
                    messages.addObject().put("role", "tool").put("tool_name", c.name()).put("content", r.forModel());
                } else {
                    messages.addObject().put("role", "user").put("content", "Result of " + c.name() + ": " + r.forModel());
                }
            }
        }
        return new Run(request, transcript, results, answer, steps, tokens, (System.nanoTime() - start) / 1_000_000, stoppedBy, invalid, cut);
    }

    /** True if every call asked for now was already made in this run (same tool, equal arguments). */
    static boolean isRepeat(List<ToolCall> calls, List<ToolResult> earlier) {
        return !calls.isEmpty() && calls.stream().allMatch(c -> earlier.stream().anyMatch(r -> r.call().equals(c)));
    }

    private ObjectNode body(ArrayNode messages, boolean firstCall) {
        ObjectNode body = JsonClient.object().put("model", model).put("stream", false);
        body.set("messages", messages.deepCopy());
        body.putObject("options").put("temperature", 0).put("seed", 7).put("num_predict", numPredict);
        if (mode == Mode.NATIVE) body.set("tools", ToolSpec.toOllama(executor.specs()));
        else body.set("format", ForcedToolChoice.format(executor.specs(), thoughts, !(toolFirst && firstCall)));
        return body;
    }
}
