package genai.train;

import com.fasterxml.jackson.databind.JsonNode;
import genai.http.JsonClient;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Lesson 11's conversations as the text the fine-tuned model sees: SmolLM2's ChatML turns, rendered
 * exactly as the Ollama template of {@link #template()} renders a request with tools. The course's
 * Modelfile for SmolLM2 (lesson 07) puts every tool's JSON Schema into a system turn, about 500 tokens;
 * the fine-tuned model learns the five shop tools instead, so its template writes one short system line
 * ({@link #SYSTEM}) when tools are offered. Calls use the same tags as the course template:
 * {@code <tool_call>[{"name": …, "arguments": {…}}]</tool_call>}, which Ollama's tool parser reads;
 * results come back in a user turn inside {@code <tool_response>} tags.
 */
public final class ToolChat {

    /** The system line the fine-tuned model's template writes when a request offers tools. */
    public static final String SYSTEM = "You are the shop assistant with tools.";

    private ToolChat() {}

    /**
     * The Ollama TEMPLATE of the fine-tuned model: lesson 07's SmolLM2 template with the tool list
     * replaced by {@link #SYSTEM}. It still reads {@code .Tools} (so Ollama lists the tools capability)
     * and writes calls after {@code .ToolCalls} with the {@code <tool_call>} tag (what Ollama's parser waits for).
     */
    public static String template() {
        return "{{- if .Tools }}<|im_start|>system\n" + SYSTEM + "<|im_end|>\n{{ end }}\n"
                + "{{- range .Messages }}\n"
                + "{{- if eq .Role \"tool\" }}<|im_start|>user\n<tool_response>\n{{ .Content }}\n</tool_response><|im_end|>\n"
                + "{{ else if eq .Role \"assistant\" }}<|im_start|>assistant\n"
                + "{{ if .ToolCalls }}<tool_call>{{ \"[\" }}{{ range $i, $c := .ToolCalls }}{{ if $i }}, {{ end }}{\"name\": \"{{ $c.Function.Name }}\", \"arguments\": {{ $c.Function.Arguments }}}{{ end }}]</tool_call>{{ else }}{{ .Content }}{{ end }}<|im_end|>\n"
                + "{{ else }}<|im_start|>{{ .Role }}\n{{ .Content }}<|im_end|>\n"
                + "{{ end }}\n"
                + "{{- end }}<|im_start|>assistant\n";
    }

    /**
     * Tool calls as the model writes them: {@code <tool_call>[{"name": "get_stock", "arguments": {"product_id":"P07"}}]</tool_call>}
     * (arguments compact, keys sorted, as Ollama renders them in a template).
     *
     * @param calls JSON objects with {@code name} and {@code arguments}
     * @return the text
     */
    public static String calls(List<JsonNode> calls) {
        StringBuilder s = new StringBuilder("<tool_call>[");
        for (int i = 0; i < calls.size(); i++) {
            if (i > 0) s.append(", ");
            s.append("{\"name\": \"").append(calls.get(i).get("name").asText()).append("\", \"arguments\": ")
                    .append(sorted(calls.get(i).get("arguments"))).append("}");
        }
        return s.append("]</tool_call>").toString();
    }

    private static String sorted(JsonNode args) {
        Map<String, JsonNode> m = new TreeMap<>();
        args.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue()));
        try {
            return JsonClient.json().writeValueAsString(m);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The prompt up to the assistant's next turn, with tools offered.
     *
     * @param request the customer's message
     * @param history earlier turns in order: a call (a JSON object with name and arguments) then its result (a JSON string), …
     * @return ChatML text ending in {@code <|im_start|>assistant\n}
     */
    public static String prompt(String request, List<JsonNode> history) {
        StringBuilder s = new StringBuilder("<|im_start|>system\n" + SYSTEM + "<|im_end|>\n");
        s.append("<|im_start|>user\n").append(request).append("<|im_end|>\n");
        for (int i = 0; i + 1 < history.size(); i += 2) {
            s.append("<|im_start|>assistant\n").append(calls(List.of(history.get(i)))).append("<|im_end|>\n");
            s.append("<|im_start|>user\n<tool_response>\n").append(history.get(i + 1).asText()).append("\n</tool_response><|im_end|>\n");
        }
        return s.append("<|im_start|>assistant\n").toString();
    }

    /**
     * The target of one training conversation: its calls, or its word reply, then the end-of-turn token.
     *
     * @param example a line of {@code data/finetune/tool-calls.jsonl}
     * @return the text the model should write
     */
    public static String target(JsonNode example) {
        List<JsonNode> calls = new java.util.ArrayList<>();
        example.path("calls").forEach(calls::add);
        return (calls.isEmpty() ? example.get("reply").asText() : calls(calls)) + "<|im_end|>";
    }

    /**
     * The tool calls in a reply the model wrote: the JSON list between {@code <tool_call>} and
     * {@code </tool_call>} (the closing tag may be missing if generation stopped first).
     *
     * @param reply the model's raw text
     * @return the calls in order; empty if the reply has no tag or its JSON is not a list of
     *         {@code {"name", "arguments"}} objects
     */
    public static List<genai.tools.ToolCall> parseCalls(String reply) {
        int start = reply.indexOf("<tool_call>");
        if (start < 0) return List.of();
        int end = reply.indexOf("</tool_call>", start);
        String json = reply.substring(start + "<tool_call>".length(), end < 0 ? reply.length() : end).strip();
        List<genai.tools.ToolCall> out = new java.util.ArrayList<>();
        try {
            JsonNode list = JsonClient.json().readTree(json);
            if (list == null || !list.isArray()) return List.of();
            for (JsonNode c : list) {
                if (!c.path("name").isTextual() || !c.path("arguments").isObject()) return List.of();
                out.add(new genai.tools.ToolCall(c.get("name").asText(), c.get("arguments")));
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return List.of();
        }
        return out;
    }
}
