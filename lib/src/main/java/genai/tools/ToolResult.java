package genai.tools;

/**
 * What happened to one tool call.
 *
 * @param call     the call as the model wrote it
 * @param executed true if the tool's code ran (known tool, valid arguments, confirmed if needed)
 * @param output   the tool's result as text (JSON for structured results); on failure the one-sentence
 *                 error that goes back to the model
 * @param error    true if the call was refused or the tool threw
 */
public record ToolResult(ToolCall call, boolean executed, String output, boolean error) {

    /** The text to send back to the model as the tool message (the error sentence starts with "Error: "). */
    public String forModel() {
        return error ? "Error: " + output : output;
    }
}
