package genai.tools;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import genai.http.JsonClient;

import java.util.List;

/**
 * A tool as the model sees it: a name, a one-sentence description and its parameters as a JSON Schema
 * object ({@code {"type": "object", "properties": {...}, "required": [...], "additionalProperties": false}}).
 * Build one with {@link #builder(String, String)}.
 *
 * <p>The schema subset the course uses (and {@link ToolExecutor} validates): properties of type
 * {@code string} (optionally {@code enum} or {@code pattern}), {@code integer} and {@code number}
 * (optionally {@code minimum}/{@code maximum}) and {@code boolean}.
 *
 * @param name        letters, digits and '_' (the name the model must write)
 * @param description what the tool does, in one sentence the model reads
 * @param parameters  the JSON Schema of the arguments object
 * @param sideEffects true if running it changes the world (placing an order): the executor then asks
 *                    for a human confirmation first
 */
public record ToolSpec(String name, String description, ObjectNode parameters, boolean sideEffects) {

    /** Checks the name. @throws IllegalArgumentException if the name is not [A-Za-z0-9_]+ */
    public ToolSpec {
        if (name == null || !name.matches("[A-Za-z0-9_]+")) throw new IllegalArgumentException("A tool name is letters, digits and '_': " + name);
    }

    /** A builder for a tool with no parameters yet. */
    public static Builder builder(String name, String description) {
        return new Builder(name, description);
    }

    /** This tool in Ollama's (and OpenAI's) {@code tools} array format: {@code {"type": "function", "function": {...}}}. */
    public ObjectNode toOllama() {
        ObjectNode tool = JsonClient.object().put("type", "function");
        tool.putObject("function").put("name", name).put("description", description).set("parameters", parameters.deepCopy());
        return tool;
    }

    /** The tools of a list in Ollama's {@code tools} format. */
    public static ArrayNode toOllama(List<ToolSpec> specs) {
        ArrayNode array = JsonClient.array();
        specs.forEach(s -> array.add(s.toOllama()));
        return array;
    }

    /** Builds a {@link ToolSpec} parameter by parameter. */
    public static final class Builder {
        /** The longest free-text argument, in characters. */
        public static final int MAX_TEXT = 60;
        private final String name;
        private final String description;
        private final ObjectNode schema = JsonClient.object().put("type", "object");
        private final ObjectNode properties = schema.putObject("properties");
        private final ArrayNode required = schema.putArray("required");
        private boolean sideEffects;

        private Builder(String name, String description) {
            this.name = name;
            this.description = description;
            schema.put("additionalProperties", false);
        }

        private ObjectNode add(String param, String type, String description, boolean isRequired) {
            ObjectNode p = properties.putObject(param).put("type", type).put("description", description);
            if (isRequired) required.add(param);
            return p;
        }

        /**
         * A free-text string parameter of at most {@value #MAX_TEXT} characters (the cap keeps a
         * grammar-constrained reply from running past the token budget).
         */
        public Builder string(String param, String description, boolean isRequired) {
            add(param, "string", description, isRequired).put("maxLength", MAX_TEXT);
            return this;
        }

        /** A string parameter that must match a regular expression (e.g. "^P[0-9]{2}$"). */
        public Builder pattern(String param, String description, String regex, boolean isRequired) {
            add(param, "string", description, isRequired).put("pattern", regex);
            return this;
        }

        /** A calendar date parameter written YYYY-MM-DD (ISO 8601). */
        public Builder date(String param, String description, boolean isRequired) {
            return pattern(param, description + " (YYYY-MM-DD)", "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", isRequired);
        }

        /** An integer parameter between min and max, both inclusive. */
        public Builder integer(String param, String description, long min, long max, boolean isRequired) {
            add(param, "integer", description, isRequired).put("minimum", min).put("maximum", max);
            return this;
        }

        /** Marks the tool as changing the world (needs a confirmation before it runs). */
        public Builder sideEffects() {
            this.sideEffects = true;
            return this;
        }

        /** The finished spec. */
        public ToolSpec build() {
            return new ToolSpec(name, description, schema.deepCopy(), sideEffects);
        }
    }
}
