package genai.metrics;

import genai.tools.Calculator;
import genai.tools.ToolCall;
import genai.tools.ToolResult;

import com.fasterxml.jackson.databind.JsonNode;
import genai.CourseError;

import java.math.BigDecimal;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How lesson 07 scores a tool call against its label. Arguments match when every expected argument
 * is present with an equal value and no other argument is set: numbers compare numerically, strings
 * ignore case and surrounding spaces, a {@code query} matches if it contains the expected words in
 * any case, and an {@code expression} matches if it evaluates to the same value ({@link Calculator}).
 */
public final class ToolEval {

    private ToolEval() {}

    /** True if {@code actual} calls the same tool as {@code expected} with matching arguments. */
    public static boolean matches(ToolCall expected, ToolCall actual) {
        return expected.name().equals(actual.name()) && argumentsMatch(expected.arguments(), actual.arguments());
    }

    /** True if the two argument objects match under the rules above. */
    public static boolean argumentsMatch(JsonNode expected, JsonNode actual) {
        if (!actual.isObject()) return false;
        int set = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = actual.fields(); it.hasNext(); ) {
            if (!it.next().getValue().isNull()) set++;
        }
        if (set != expected.size()) return false;
        for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode a = actual.get(e.getKey());
            if (a == null || a.isNull() || !valueMatches(e.getKey(), e.getValue(), a)) return false;
        }
        return true;
    }

    private static boolean valueMatches(String key, JsonNode expected, JsonNode actual) {
        if (expected.isNumber()) return actual.isNumber() && expected.decimalValue().compareTo(actual.decimalValue()) == 0;
        String e = expected.asText().strip().toLowerCase(Locale.ROOT);
        String a = actual.asText().strip().toLowerCase(Locale.ROOT);
        if (key.equals("query")) return a.contains(e);
        if (key.equals("expression")) {
            try {
                BigDecimal x = Calculator.evaluate(e), y = Calculator.evaluate(a);
                return x.compareTo(y) == 0;
            } catch (CourseError ex) {
                return false;
            }
        }
        return actual.isTextual() && a.equals(e);
    }

    /**
     * End-task success of one run: for a request that needs no tool, no call was made; otherwise the
     * expected calls all appear among the executed calls, in order, each with matching arguments.
     *
     * @param expected the labelled calls
     * @param results  the executor's results of the run
     */
    public static boolean taskSucceeded(List<ToolCall> expected, List<ToolResult> results) {
        if (expected.isEmpty()) return results.isEmpty();
        int i = 0;
        for (ToolResult r : results) {
            if (i < expected.size() && r.executed() && !r.error() && matches(expected.get(i), r.call())) i++;
        }
        return i == expected.size();
    }
}
