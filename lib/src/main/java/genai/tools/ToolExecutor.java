package genai.tools;

import com.fasterxml.jackson.databind.JsonNode;
import genai.http.JsonClient;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Runs tool calls a model asked for, after checking them: a call to a tool that was not registered is
 * never run, and neither is one whose arguments break the tool's schema ({@link ToolSpec}: required
 * arguments present, no unknown argument, types, enums, patterns, integer ranges). A tool with side
 * effects runs only if the confirmation callback approves the call. A tool that throws does not stop
 * the agent: its exception's message becomes the result, marked as an error, so the model can read it.
 *
 * <p>Every call is logged ({@link #log()}), with whether its code ran, so a notebook can check that no
 * unknown tool was ever executed. Not thread-safe: one executor per agent run or per measurement.
 */
public final class ToolExecutor {

    private final Map<String, ToolSpec> specs = new LinkedHashMap<>();
    private final Map<String, Function<JsonNode, Object>> code = new LinkedHashMap<>();
    private final List<ToolResult> log = new ArrayList<>();
    private Predicate<ToolCall> confirm = call -> false;

    /**
     * Registers a tool.
     *
     * @param spec what the model sees
     * @param impl the code: gets the validated arguments object, returns the result (a String is sent
     *             as it is, anything else as JSON); may throw, and the message goes back to the model
     * @return this executor
     * @throws IllegalArgumentException if a tool of that name is already registered
     */
    public ToolExecutor register(ToolSpec spec, Function<JsonNode, Object> impl) {
        if (specs.containsKey(spec.name())) throw new IllegalArgumentException("A tool named " + spec.name() + " is already registered.");
        specs.put(spec.name(), spec);
        code.put(spec.name(), impl);
        return this;
    }

    /**
     * Sets who confirms calls to tools with side effects (a person in class, a rule in CI). The default
     * declines every such call.
     *
     * @param approve gets the validated call, returns true to let it run
     * @return this executor
     */
    public ToolExecutor confirmWith(Predicate<ToolCall> approve) {
        this.confirm = approve;
        return this;
    }

    /** The registered tools, in registration order. */
    public List<ToolSpec> specs() {
        return List.copyOf(specs.values());
    }

    /** The registered tool names, in registration order. */
    public List<String> names() {
        return List.copyOf(specs.keySet());
    }

    /** True if a tool of that name is registered. */
    public boolean knows(String name) {
        return specs.containsKey(name);
    }

    /**
     * What is wrong with a call, checked against the tool's schema without running anything.
     *
     * @return one short sentence per problem; empty if the call may run
     */
    public List<String> problems(ToolCall call) {
        ToolSpec spec = specs.get(call.name());
        if (spec == null) {
            return List.of("There is no tool named '" + call.name() + "'; the tools are " + String.join(", ", specs.keySet()) + ".");
        }
        List<String> problems = new ArrayList<>();
        JsonNode args = call.arguments();
        if (!args.isObject()) return List.of("The arguments of " + call.name() + " must be a JSON object.");
        JsonNode props = spec.parameters().path("properties");
        for (JsonNode r : spec.parameters().path("required")) {
            JsonNode v = args.get(r.asText());
            if (v == null || v.isNull()) problems.add("The argument '" + r.asText() + "' is required.");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = args.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode schema = props.get(e.getKey());
            if (schema == null) {
                problems.add("'" + e.getKey() + "' is not an argument of " + call.name() + ".");
            } else if (!e.getValue().isNull()) {
                String p = valueProblem(e.getKey(), e.getValue(), schema);
                if (p != null) problems.add(p);
            }
        }
        return problems;
    }

    private static String valueProblem(String name, JsonNode v, JsonNode schema) {
        switch (schema.path("type").asText()) {
            case "string" -> {
                if (!v.isTextual()) return "'" + name + "' must be a string.";
                if (schema.has("maxLength") && v.asText().length() > schema.get("maxLength").asInt()) {
                    return "'" + name + "' must be at most " + schema.get("maxLength").asInt() + " characters.";
                }
                if (schema.has("enum")) {
                    boolean ok = false;
                    for (JsonNode allowed : schema.get("enum")) ok |= allowed.asText().equals(v.asText());
                    if (!ok) return "'" + name + "' must be one of " + schema.get("enum") + ".";
                }
                if (schema.has("pattern") && !java.util.regex.Pattern.compile(schema.get("pattern").asText()).matcher(v.asText()).find()) {
                    return "'" + name + "' = \"" + v.asText() + "\" does not match " + schema.get("pattern").asText() + ".";
                }
            }
            case "integer" -> {
                if (!v.isIntegralNumber()) return "'" + name + "' must be a whole number.";
                if (schema.has("minimum") && v.asLong() < schema.get("minimum").asLong()) return "'" + name + "' must be at least " + schema.get("minimum") + ".";
                if (schema.has("maximum") && v.asLong() > schema.get("maximum").asLong()) return "'" + name + "' must be at most " + schema.get("maximum") + ".";
            }
            case "number" -> {
                if (!v.isNumber()) return "'" + name + "' must be a number.";
            }
            case "boolean" -> {
                if (!v.isBoolean()) return "'" + name + "' must be true or false.";
            }
            default -> { }
        }
        return null;
    }

    /**
     * Checks a call and runs it if it may run. Never throws for a bad call or a failing tool: the
     * result says what happened.
     *
     * @return the result, also appended to {@link #log()}
     */
    public ToolResult execute(ToolCall call) {
        ToolResult result;
        List<String> problems = problems(call);
        if (!problems.isEmpty()) {
            result = new ToolResult(call, false, String.join(" ", problems), true);
        } else if (specs.get(call.name()).sideEffects() && !confirm.test(call)) {
            result = new ToolResult(call, false, "The user did not confirm " + call + ", so it was not run.", true);
        } else {
            try {
                Object out = code.get(call.name()).apply(call.arguments());
                String text = out instanceof String s ? s : JsonClient.json().writeValueAsString(out);
                result = new ToolResult(call, true, text, false);
            } catch (Exception e) {
                String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                result = new ToolResult(call, true, m, true);
            }
        }
        log.add(result);
        return result;
    }

    /** Every call handled so far, in order. */
    public List<ToolResult> log() {
        return Collections.unmodifiableList(log);
    }

    /** How many calls had their code run. */
    public long executedCount() {
        return log.stream().filter(ToolResult::executed).count();
    }

    /** How many calls ran although their tool is not registered: 0 by construction, checked by the notebooks. */
    public long unknownExecutedCount() {
        return log.stream().filter(r -> r.executed() && !knows(r.call().name())).count();
    }
}
