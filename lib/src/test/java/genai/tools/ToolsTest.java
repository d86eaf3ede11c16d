package genai.tools;

import com.fasterxml.jackson.databind.JsonNode;
import genai.CourseError;
import genai.http.JsonClient;
import genai.metrics.Proportion;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;
import genai.data.ToolData;
import genai.metrics.Reasoning;
import genai.metrics.ToolEval;

class ToolsTest {

    private static JsonNode json(String s) throws Exception {
        return JsonClient.json().readTree(s);
    }

    @Test
    void calculatorIsExactAndRefusesAnythingElse() {
        assertEquals(new BigDecimal("54.8"), Calculator.evaluate("39.90 + 14.90"));
        assertEquals(new BigDecimal("156.75"), Calculator.evaluate("(64.50 - 12.25) * 3"));
        assertEquals(new BigDecimal("156.25"), Calculator.evaluate("1250/8"));
        assertEquals(new BigDecimal("391"), Calculator.evaluate("17 x 23"));
        assertEquals(new BigDecimal("-2"), Calculator.evaluate("-(1+1)"));
        assertThrows(CourseError.class, () -> Calculator.evaluate("System.exit(0)"));
        assertThrows(CourseError.class, () -> Calculator.evaluate("1/0"));
        assertThrows(CourseError.class, () -> Calculator.evaluate("(1+2"));
    }

    @Test
    void executorNeverRunsUnknownToolsOrInvalidArguments() throws Exception {
        AtomicInteger ran = new AtomicInteger();
        ToolExecutor ex = new ToolExecutor().register(
                ToolSpec.builder("get_stock", "stock").pattern("product_id", "id", "^P[0-9]{2}$", true).build(),
                a -> { ran.incrementAndGet(); return "7"; });
        assertTrue(ex.execute(new ToolCall("delete_everything", json("{}"))).error());
        assertTrue(ex.execute(new ToolCall("get_stock", json("{}"))).error());
        assertTrue(ex.execute(new ToolCall("get_stock", json("{\"product_id\":\"lamp\"}"))).error());
        assertTrue(ex.execute(new ToolCall("get_stock", json("{\"product_id\":\"P01\",\"x\":1}"))).error());
        assertTrue(ex.execute(new ToolCall("get_stock", json("{\"product_id\":7}"))).error());
        assertEquals(0, ran.get());
        ToolResult ok = ex.execute(new ToolCall("get_stock", json("{\"product_id\":\"P01\"}")));
        assertTrue(ok.executed());
        assertEquals("7", ok.output());
        assertEquals(1, ran.get());
        assertEquals(6, ex.log().size());
        assertEquals(1, ex.executedCount());
        assertEquals(0, ex.unknownExecutedCount());
    }

    @Test
    void throwingToolBecomesAnErrorResultAndSideEffectsNeedConfirmation() throws Exception {
        ToolExecutor ex = new ToolExecutor()
                .register(ToolSpec.builder("boom", "fails").build(), a -> { throw new IllegalStateException("The warehouse is offline."); })
                .register(ToolSpec.builder("buy", "buys").integer("n", "units", 1, 5, true).sideEffects().build(), a -> "bought");
        ToolResult r = ex.execute(new ToolCall("boom", null));
        assertTrue(r.executed() && r.error());
        assertEquals("Error: The warehouse is offline.", r.forModel());
        assertFalse(ex.execute(new ToolCall("buy", json("{\"n\":2}"))).executed());
        assertTrue(ex.execute(new ToolCall("buy", json("{\"n\":9}"))).error());
        ex.confirmWith(c -> c.arguments().get("n").asInt() <= 3);
        assertTrue(ex.execute(new ToolCall("buy", json("{\"n\":2}"))).executed());
    }

    @Test
    void forcedFormatHasOneBranchPerToolPlusNone() throws Exception {
        var format = ForcedToolChoice.format(Shop.specs(), true);
        assertEquals(6, format.get("anyOf").size());
        assertEquals("thought", format.at("/anyOf/0/required/0").asText());
        assertEquals(Optional.empty(), ForcedToolChoice.call(json("{\"tool\":\"none\",\"answer\":\"hi\"}")));
        assertEquals("get_stock", ForcedToolChoice.call(json("{\"tool\":\"get_stock\",\"arguments\":{\"product_id\":\"P01\"}}")).orElseThrow().name());
        var required = ForcedToolChoice.format(Shop.specs(), false, false);
        assertEquals(5, required.get("anyOf").size(), "without the none branch the model must call a tool");
        required.get("anyOf").forEach(b -> assertNotEquals(ForcedToolChoice.NONE, b.at("/properties/tool/enum/0").asText()));
    }

    @Test
    void nativeToolCallsAreRead() throws Exception {
        List<ToolCall> calls = ToolCall.fromOllama(json("{\"message\":{\"role\":\"assistant\",\"content\":\"\",\"tool_calls\":[{\"function\":{\"name\":\"get_stock\",\"arguments\":{\"product_id\":\"P03\"}}}]}}"));
        assertEquals(1, calls.size());
        assertEquals("P03", calls.get(0).arguments().get("product_id").asText());
        assertTrue(ToolCall.fromOllama(json("{\"message\":{\"content\":\"hello\"}}")).isEmpty());
    }

    @Test
    void budgetStopsAtTheCap() {
        StepBudget b = new StepBudget(3, 1000);
        assertTrue(b.allows(2, 999));
        assertEquals("step budget", b.exhausted(3, 0));
        assertEquals("token budget", b.exhausted(1, 1000));
        assertThrows(IllegalArgumentException.class, () -> new StepBudget(0, 10));
    }

    @Test
    void argumentsMatchByTheDocumentedRules() throws Exception {
        assertTrue(ToolEval.argumentsMatch(json("{\"query\":\"tent\"}"), json("{\"query\":\"Two-person TENT\"}")));
        assertTrue(ToolEval.argumentsMatch(json("{\"expression\":\"3*39.90\"}"), json("{\"expression\":\"39.9 * 3\"}")));
        assertTrue(ToolEval.argumentsMatch(json("{\"product_id\":\"P10\"}"), json("{\"product_id\":\"p10\"}")));
        assertTrue(ToolEval.argumentsMatch(json("{\"quantity\":12}"), json("{\"quantity\":12.0}")));
        assertFalse(ToolEval.argumentsMatch(json("{\"quantity\":12}"), json("{\"quantity\":\"12\"}")));
        assertFalse(ToolEval.argumentsMatch(json("{\"product_id\":\"P10\"}"), json("{\"product_id\":\"P10\",\"quantity\":1}")));
    }

    @Test
    void reasoningReadsTheAnswerAfterTheDelimiterAndVotes() {
        assertEquals(Optional.of(29L), Reasoning.answer("3*12=36, 36-7=29\n#### 29"));
        assertEquals(Optional.of(29L), Reasoning.answer("first 36 then 29"));
        assertEquals(Optional.of(1200L), Reasoning.answer("#### 1,200 pencils"));
        assertEquals(Optional.empty(), Reasoning.answer("no idea"));
        assertEquals(Optional.of(5L), Reasoning.majority(List.of(Optional.of(4L), Optional.of(5L), Optional.of(5L), Optional.empty())));
        assertEquals(Optional.of(4L), Reasoning.majority(List.of(Optional.of(4L), Optional.of(5L))));
        assertEquals(Optional.empty(), Reasoning.majority(List.of(Optional.empty())));
    }

    @Test
    void wilsonMatchesAKnownValue() {
        // 8 of 10, 95 %: Wilson interval 0.4902 .. 0.9433 (the standard worked example values)
        Proportion p = Proportion.wilson(8, 10);
        assertEquals(0.4902, p.low(), 1e-4);
        assertEquals(0.9433, p.high(), 1e-4);
        Proportion zero = Proportion.wilson(0, 30);
        assertEquals(0.0, zero.low(), 1e-12);
        assertTrue(zero.high() > 0.1);
    }

    @Test
    void shopToolsActOnTheDatabase() {
        try (Shop shop = Shop.open()) {
            assertEquals("P03", shop.searchProducts("tower fans").get(0).get("id"));
            assertEquals(7, shop.stock("p03"));
            assertEquals("shipped", shop.orderStatus("a1002").get("status"));
            String id = shop.placeOrder("P03", 2, "2026-12-14");
            assertEquals(5, shop.stock("P03"));
            assertEquals("processing", shop.orderStatus(id).get("status"));
            assertThrows(CourseError.class, () -> shop.placeOrder("P02", 1, null));
            assertThrows(CourseError.class, () -> shop.stock("P99"));
        }
        try (Shop fresh = Shop.open()) {
            assertEquals(7, fresh.stock("P03"));
        }
    }

    @Test
    void labelledSetsLoadAndTheirExpectedCallsAreValid() {
        var requests = ToolData.requests();
        assertTrue(requests.size() >= 40);
        try (Shop shop = Shop.open()) {
            ToolExecutor ex = shop.executor();
            for (var r : requests) for (ToolCall c : r.expected()) assertEquals(List.of(), ex.problems(c), r.id());
        }
        assertTrue(ToolData.problems().size() >= 30);
    }

    @Test
    void aRepeatedCallIsOneWithTheSameToolAndEqualArguments() {
        ToolCall stock = new ToolCall("get_stock", genai.http.JsonClient.object().put("product_id", "P07"));
        ToolCall same = new ToolCall("get_stock", genai.http.JsonClient.object().put("product_id", "P07"));
        ToolCall other = new ToolCall("get_stock", genai.http.JsonClient.object().put("product_id", "P08"));
        try (Shop shop = Shop.open()) {
            ToolExecutor ex = shop.executor();
            List<ToolResult> earlier = List.of(ex.execute(stock));
            assertTrue(Agent.isRepeat(List.of(same), earlier));
            assertFalse(Agent.isRepeat(List.of(other), earlier));
            assertFalse(Agent.isRepeat(List.of(same, other), earlier), "a batch with one new call is not a repeat");
            assertFalse(Agent.isRepeat(List.of(), earlier));
            assertFalse(Agent.isRepeat(List.of(same), List.of()));
        }
    }
}
