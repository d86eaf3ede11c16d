package genai.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import genai.http.JsonClient;

import java.util.ArrayList;
import java.util.List;

/**
 * One tool call as a model asked for it: the tool's name and its arguments (a JSON object; an absent
 * or non-object argument value is kept as it came so the executor can refuse it).
 *
 * @param name      the tool name the model wrote (may be a name no tool has)
 * @param arguments the arguments object
 */
public record ToolCall(String name, JsonNode arguments) {

    /** Normalises a null name to "" and null arguments to an empty object. */
    public ToolCall {
        name = name == null ? "" : name;
        arguments = arguments == null || arguments.isNull() || arguments.isMissingNode() ? JsonClient.object() : arguments;
    }

    /**
     * The tool calls in an Ollama {@code /api/chat} reply's {@code message.tool_calls}
     * ({@code [{"function": {"name": ..., "arguments": {...}}}]}).
     *
     * @param reply the whole reply or its {@code message}
     * @return the calls in order; empty if the model answered in words
     */
    public static List<ToolCall> fromOllama(JsonNode reply) {
        JsonNode message = reply.has("message") ? reply.get("message") : reply;
        List<ToolCall> calls = new ArrayList<>();
        for (JsonNode c : message.path("tool_calls")) {
            JsonNode f = c.path("function");
            calls.add(new ToolCall(f.path("name").asText(""), f.get("arguments")));
        }
        return calls;
    }

    /** This call as Ollama's {@code tool_calls} entry, to send back in the assistant message. */
    public ObjectNode toOllama() {
        ObjectNode call = JsonClient.object();
        call.putObject("function").put("name", name).set("arguments", arguments);
        return call;
    }

    /** {@code name({"arg": value})}, for transcripts. */
    @Override
    public String toString() {
        return name + "(" + arguments + ")";
    }
}
