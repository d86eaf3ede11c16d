package genai.tools;

import com.fasterxml.jackson.databind.JsonNode;
import genai.http.JsonClient;
import genai.http.RawStub;
import genai.stack.CourseConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The agent loop against a local HTTP stub standing in for Ollama's {@code /api/chat}: the stub plays a
 * scripted model (reply n for the n-th call), so each way a run ends is reached on purpose.
 */
class AgentTest {

    private static final ToolSpec LOOKUP = ToolSpec.builder("lookup", "Looks up a product.")
            .string("id", "the product id", true).build();
    private static final ToolSpec ORDER = ToolSpec.builder("place_order", "Orders a product.")
            .string("id", "the product id", true).sideEffects().build();

    /** A native tool-call reply, as Ollama's /api/chat sends it. */
    private static String calls(String name, String id) {
        return "{\"message\":{\"role\":\"assistant\",\"content\":\"\",\"tool_calls\":[{\"function\":{\"name\":\"" + name
                + "\",\"arguments\":{\"id\":\"" + id + "\"}}}]},\"prompt_eval_count\":10,\"eval_count\":5,\"done\":true}";
    }

    private static String answers(String text) {
        return "{\"message\":{\"role\":\"assistant\",\"content\":\"" + text + "\"},\"prompt_eval_count\":10,\"eval_count\":5,\"done\":true}";
    }

    /** Runs {@code agent} on one request against a stub whose n-th reply (1-based) is {@code script.apply(n)}. */
    private static Agent.Run run(Agent agent, IntFunction<String> script, List<JsonNode> requests) {
        AtomicInteger n = new AtomicInteger();
        try (RawStub stub = new RawStub((exchange, body) -> {
            synchronized (requests) {
                requests.add(JsonClient.json().readTree(body));
            }
            RawStub.json(exchange, 200, script.apply(n.incrementAndGet()));
        })) {
            CourseConfig config = CourseConfig.from(Map.of("OLLAMA_BASE_URL", stub.url()));
            return agent.using(new JsonClient(stub.url(), Duration.ofSeconds(10), config)).run("please help");
        }
    }

    private static ToolExecutor lookups(AtomicInteger ran) {
        return new ToolExecutor().register(LOOKUP, args -> {
            ran.incrementAndGet();
            return "product " + args.get("id").asText() + " is in stock";
        });
    }

    @Test
    void anAnswerInWordsEndsTheRun() {
        List<JsonNode> requests = new ArrayList<>();
        Agent.Run run = run(new Agent("m", lookups(new AtomicInteger()), Agent.Mode.NATIVE, StepBudget.steps(5)),
                n -> n == 1 ? calls("lookup", "P1") : answers("P1 is in stock"), requests);
        assertEquals("answer", run.stoppedBy());
        assertEquals("P1 is in stock", run.answer());
        assertEquals(2, run.steps());
        assertEquals(30, run.tokens());
        // the second call carries the tool's result back to the model, and the tools each time
        JsonNode last = requests.get(1).get("messages");
        assertEquals("tool", last.get(last.size() - 1).get("role").asText());
        assertEquals("product P1 is in stock", last.get(last.size() - 1).get("content").asText());
        assertEquals("lookup", requests.get(0).at("/tools/0/function/name").asText());
        assertEquals(0, requests.get(0).at("/options/temperature").asInt());
    }

    @Test
    void theStepBudgetStopsAModelThatNeverAnswers() {
        List<JsonNode> requests = new ArrayList<>();
        AtomicInteger ran = new AtomicInteger();
        // a new id each time, so no call repeats: only the budget can stop it
        Agent.Run run = run(new Agent("m", lookups(ran), Agent.Mode.NATIVE, StepBudget.steps(3)),
                n -> calls("lookup", "P" + n), requests);
        assertEquals("step budget", run.stoppedBy());
        assertEquals(3, run.steps());
        assertEquals(3, requests.size());
        assertEquals(3, ran.get());
        assertEquals("", run.answer());
        assertEquals("stop", run.transcript().get(run.transcript().size() - 1).kind());
    }

    @Test
    void theTokenBudgetStopsARunToo() {
        Agent.Run run = run(new Agent("m", lookups(new AtomicInteger()), Agent.Mode.NATIVE, new StepBudget(10, 40)),
                n -> calls("lookup", "P" + n), new ArrayList<>());
        assertEquals("token budget", run.stoppedBy());
        assertEquals(3, run.steps());   // 15 tokens a call: 45 >= 40 after the third
    }

    @Test
    void aRepeatedCallStopsTheRunWithoutRunningItAgain() {
        List<JsonNode> requests = new ArrayList<>();
        AtomicInteger ran = new AtomicInteger();
        Agent.Run run = run(new Agent("m", lookups(ran), Agent.Mode.NATIVE, StepBudget.steps(10)),
                n -> calls("lookup", "P1"), requests);
        assertEquals("repeated call", run.stoppedBy());
        assertEquals(2, run.steps());
        assertEquals(1, ran.get());
        assertEquals(1, run.results().size());
    }

    @Test
    void aSideEffectIsConfirmedFirstAndARefusalGoesBackToTheModel() {
        List<JsonNode> requests = new ArrayList<>();
        List<ToolCall> asked = new ArrayList<>();
        AtomicInteger ordered = new AtomicInteger();
        ToolExecutor executor = new ToolExecutor()
                .register(ORDER, args -> "order " + ordered.incrementAndGet() + " placed")
                .confirmWith(call -> {
                    asked.add(call);
                    return false;
                });
        Agent.Run run = run(new Agent("m", executor, Agent.Mode.NATIVE, StepBudget.steps(5)),
                n -> n == 1 ? calls("place_order", "P7") : answers("I did not order it"), requests);
        assertEquals(1, asked.size());
        assertEquals("place_order", asked.get(0).name());
        assertEquals(0, ordered.get(), "a refused call must not run");
        ToolResult refused = run.results().get(0);
        assertFalse(refused.executed());
        assertTrue(refused.error());
        JsonNode messages = requests.get(1).get("messages");
        assertTrue(messages.get(messages.size() - 1).get("content").asText().contains("did not confirm"));
        assertEquals("answer", run.stoppedBy());
    }

    @Test
    void aConfirmedSideEffectRuns() {
        AtomicInteger ordered = new AtomicInteger();
        ToolExecutor executor = new ToolExecutor()
                .register(ORDER, args -> "order " + ordered.incrementAndGet() + " placed")
                .confirmWith(call -> true);
        Agent.Run run = run(new Agent("m", executor, Agent.Mode.NATIVE, StepBudget.steps(5)),
                n -> n == 1 ? calls("place_order", "P7") : answers("ordered"), new ArrayList<>());
        assertEquals(1, ordered.get());
        assertTrue(run.results().get(0).executed());
    }

    @Test
    void anUnknownToolIsNotRunAndTheModelIsToldSo() {
        List<JsonNode> requests = new ArrayList<>();
        AtomicInteger ran = new AtomicInteger();
        Agent.Run run = run(new Agent("m", lookups(ran), Agent.Mode.NATIVE, StepBudget.steps(5)),
                n -> n == 1 ? calls("delete_everything", "P1") : answers("sorry"), requests);
        ToolResult unknown = run.results().get(0);
        assertEquals("delete_everything", unknown.call().name());
        assertFalse(unknown.executed());
        assertTrue(unknown.error());
        assertEquals(0, ran.get());
        JsonNode messages = requests.get(1).get("messages");
        String told = messages.get(messages.size() - 1).get("content").asText();
        assertTrue(told.contains("delete_everything"), told);
        assertEquals("answer", run.stoppedBy());
    }

    @Test
    void forcedModeReadsTheCallFromTheSchemaReplyAndStopsOnAnUnreadableOne() {
        List<JsonNode> requests = new ArrayList<>();
        AtomicInteger ran = new AtomicInteger();
        Agent.Run run = run(new Agent("m", lookups(ran), Agent.Mode.FORCED, StepBudget.steps(5)), n -> n == 1
                ? answers("{\\\"tool\\\":\\\"lookup\\\",\\\"arguments\\\":{\\\"id\\\":\\\"P2\\\"}}")
                : answers("not json at all"), requests);
        assertEquals(1, ran.get());
        assertEquals("invalid reply", run.stoppedBy());
        assertEquals(1, run.invalidReplies());
        assertTrue(requests.get(0).has("format"));
        assertEquals("system", requests.get(0).at("/messages/0/role").asText());
    }
}
