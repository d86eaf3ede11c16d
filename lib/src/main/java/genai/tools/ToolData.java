package genai.tools;

import com.fasterxml.jackson.databind.JsonNode;
import genai.CourseData;
import genai.CourseError;
import genai.Rest;

import java.util.ArrayList;
import java.util.List;

/**
 * The labelled sets of lesson 07, written for the course: {@code data/tools/requests.csv} (shop
 * requests with the tool calls that answer them) and {@code data/reasoning/problems.csv} (word
 * problems with their answers). See the READMEs in those folders.
 */
public final class ToolData {

    private ToolData() {}

    /**
     * One labelled request.
     *
     * @param id       R01 …
     * @param request  what the user wrote
     * @param kind     "none" (no tool), "one", "two" (two calls in sequence) or "tricky" (arguments
     *                 that need converting: dates, words for numbers, case)
     * @param expected the calls that answer it, in order; empty for "none"
     */
    public record LabelledRequest(String id, String request, String kind, List<ToolCall> expected) {

        /** The first expected tool's name, or "none": the label for tool-selection metrics. */
        public String firstTool() {
            return expected.isEmpty() ? ForcedToolChoice.NONE : expected.get(0).name();
        }
    }

    /**
     * One word problem.
     *
     * @param id       Q01 …
     * @param question the problem
     * @param answer   the answer, a whole number
     * @param kind     "arithmetic" or "logic"
     */
    public record Problem(String id, String question, long answer, String kind) {}

    /** The labelled shop requests, in file order. @throws CourseError if the file is missing or a row is malformed */
    public static List<LabelledRequest> requests() {
        List<LabelledRequest> out = new ArrayList<>();
        for (var row : CourseData.table("tools/requests.csv")) {
            List<ToolCall> calls = new ArrayList<>();
            try {
                for (JsonNode c : Rest.json().readTree(row.getString("expected_calls"))) calls.add(new ToolCall(c.get("name").asText(), c.get("arguments")));
            } catch (Exception e) {
                throw new CourseError("Row " + row.getString("id") + " of data/tools/requests.csv has unreadable expected_calls: " + e.getMessage());
            }
            out.add(new LabelledRequest(row.getString("id"), row.getString("request"), row.getString("kind"), List.copyOf(calls)));
        }
        return out;
    }

    /** The word problems, in file order. @throws CourseError if the file is missing */
    public static List<Problem> problems() {
        List<Problem> out = new ArrayList<>();
        for (var row : CourseData.table("reasoning/problems.csv")) {
            out.add(new Problem(row.getString("id"), row.getString("question"), Long.parseLong(row.getString("answer")), row.getString("kind")));
        }
        return out;
    }
}
