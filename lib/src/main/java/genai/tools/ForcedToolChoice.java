package genai.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import genai.http.JsonClient;

import java.util.List;
import java.util.Optional;

/**
 * Tool choice for a model without native tool calling: Ollama's {@code format} field takes a JSON
 * Schema and constrains sampling with a grammar built from it, so every reply is one of
 * {@code {"tool": "<name>", "arguments": {...that tool's parameters...}}} or
 * {@code {"tool": "none", "answer": "..."}}. The schema is an {@code anyOf} with one branch per tool,
 * so the arguments object always belongs to the tool named (grammar-level validity); whether the
 * choice and the values are right is still up to the model, and {@link ToolExecutor} still validates.
 *
 * <p>With {@code thoughts}, every branch starts with a {@code "thought"} string (at most 120
 * characters): the ReAct pattern's reasoning step, written before the action (Yao et al., 2022,
 * "ReAct: Synergizing Reasoning and Acting in Language Models", arXiv:2210.03629).
 */
public final class ForcedToolChoice {

    /** The reserved tool name that means "answer in words, call nothing". */
    public static final String NONE = "none";

    private ForcedToolChoice() {}

    /**
     * The JSON Schema to send as Ollama's {@code format}.
     *
     * @param specs    the tools the model may choose
     * @param thoughts true to add a leading {@code "thought"} field to every branch
     */
    public static ObjectNode format(List<ToolSpec> specs, boolean thoughts) {
        return format(specs, thoughts, true);
    }

    /**
     * The JSON Schema to send as Ollama's {@code format}, with or without the {@value #NONE} branch.
     * Without it the model must call one of the tools: OpenAI's {@code tool_choice: "required"}.
     *
     * @param specs     the tools the model may choose
     * @param thoughts  true to add a leading {@code "thought"} field to every branch
     * @param allowNone false to leave out the branch that answers in words
     */
    public static ObjectNode format(List<ToolSpec> specs, boolean thoughts, boolean allowNone) {
        ObjectNode schema = JsonClient.object();
        ArrayNode anyOf = schema.putArray("anyOf");
        for (ToolSpec s : specs) {
            ObjectNode branch = branch(s.name(), thoughts);
            ((ObjectNode) branch.get("properties")).set("arguments", s.parameters().deepCopy());
            ((ArrayNode) branch.get("required")).add("arguments");
            anyOf.add(branch);
        }
        if (!allowNone) return schema;
        ObjectNode none = branch(NONE, thoughts);
        ((ObjectNode) none.get("properties")).putObject("answer").put("type", "string").put("maxLength", 120);
        ((ArrayNode) none.get("required")).add("answer");
        anyOf.add(none);
        return schema;
    }

    private static ObjectNode branch(String tool, boolean thoughts) {
        ObjectNode b = JsonClient.object().put("type", "object");
        ObjectNode props = b.putObject("properties");
        ArrayNode required = b.putArray("required");
        if (thoughts) {
            props.putObject("thought").put("type", "string").put("maxLength", 120);
            required.add("thought");
        }
        props.putObject("tool").put("type", "string").putArray("enum").add(tool);
        required.add("tool");
        b.put("additionalProperties", false);
        return b;
    }

    /**
     * The call in a parsed reply, or empty if the model chose {@value #NONE}.
     *
     * @param reply the JSON object the model wrote under {@link #format}
     */
    public static Optional<ToolCall> call(JsonNode reply) {
        String tool = reply.path("tool").asText(NONE);
        if (NONE.equals(tool)) return Optional.empty();
        return Optional.of(new ToolCall(tool, reply.get("arguments")));
    }

    /**
     * The system prompt that tells the model the tools and the reply shape: the tools' JSON
     * descriptions (Ollama's {@code tools} format) and one sentence of rules.
     */
    public static String systemPrompt(List<ToolSpec> specs) {
        return "You help customers of an online shop. You can use these tools:\n" + ToolSpec.toOllama(specs)
                + "\nReply with JSON only. To use a tool, give its name in \"tool\" and its arguments in \"arguments\"."
                + " When a tool result already answers the user, or no tool fits, use \"tool\": \"none\" and write the reply in \"answer\".";
    }
}
