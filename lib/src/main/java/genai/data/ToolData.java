package genai.data;

import genai.tools.ForcedToolChoice;
import genai.tools.ToolCall;

import com.fasterxml.jackson.databind.JsonNode;
import genai.data.CourseData;
import genai.CourseError;
import genai.http.JsonClient;

import java.util.ArrayList;
import java.time.LocalDate;
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

    /** One row of {@code data/tools/stock.csv}: units of a catalogue product in stock. */
    public record Stock(String productId, int units) {}

    /**
     * One row of {@code data/tools/orders.csv}.
     *
     * @param deliveryDate null when the order has none yet
     */
    public record Order(String orderId, String productId, int quantity, String status, LocalDate orderedOn, LocalDate deliveryDate) {}

    /** The shop's stock, in file order. @throws CourseError if the file is missing or a number is malformed */
    public static List<Stock> stock() {
        List<Stock> out = new ArrayList<>();
        for (var row : CourseData.table("tools/stock.csv")) {
            out.add(parsed("tools/stock.csv", row.getString("product_id"),
                    () -> new Stock(row.getString("product_id"), Integer.parseInt(row.getString("units")))));
        }
        return out;
    }

    /** The shop's orders, in file order. @throws CourseError if the file is missing or a number or date is malformed */
    public static List<Order> orders() {
        List<Order> out = new ArrayList<>();
        for (var row : CourseData.table("tools/orders.csv")) {
            out.add(parsed("tools/orders.csv", row.getString("order_id"), () -> {
                String d = row.getString("delivery_date");
                return new Order(row.getString("order_id"), row.getString("product_id"), Integer.parseInt(row.getString("quantity")),
                        row.getString("status"), LocalDate.parse(row.getString("ordered_on")), d.isBlank() ? null : LocalDate.parse(d));
            }));
        }
        return out;
    }

    private static <T> T parsed(String file, String rowId, java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (RuntimeException e) {
            throw new CourseError("Row " + rowId + " of data/" + file + " is malformed (" + e.getMessage() + "): restore it with"
                    + " 'git checkout -- data/" + file + "'.");
        }
    }

    /** The labelled shop requests, in file order. @throws CourseError if the file is missing or a row is malformed */
    public static List<LabelledRequest> requests() {
        List<LabelledRequest> out = new ArrayList<>();
        for (var row : CourseData.table("tools/requests.csv")) {
            List<ToolCall> calls = new ArrayList<>();
            try {
                for (JsonNode c : JsonClient.json().readTree(row.getString("expected_calls"))) calls.add(new ToolCall(c.get("name").asText(), c.get("arguments")));
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
