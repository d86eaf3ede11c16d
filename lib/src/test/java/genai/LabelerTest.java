package genai;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import genai.http.JsonClient;
import genai.http.RawStub;
import genai.stack.CourseConfig;

class LabelerTest {

    private static final List<String> LABELS = List.of("positive", "negative", "neutral");

    @Test
    void theRequestCarriesTheSchemaTheExamplesAndTheBudget() throws Exception {
        var labeler = Labeler.of("m", "Label it.", LABELS).withExamples(List.of(Map.entry("Great!", "positive")))
                .withPrompt(t -> "Sentence: " + t).withMaxTokens(32).withSeed(42);
        var expected = JsonClient.json().readTree("""
                {"model":"m","stream":false,
                 "messages":[{"role":"system","content":"Label it."},
                             {"role":"user","content":"Sentence: Great!"},
                             {"role":"assistant","content":"{\\"label\\":\\"positive\\"}"},
                             {"role":"user","content":"Sentence: It rained."}],
                 "format":{"type":"object","properties":{"label":{"type":"string","enum":["positive","negative","neutral"]}},
                           "required":["label"]},
                 "options":{"temperature":0,"num_predict":32,"seed":42}}""");
        assertEquals(expected.toString(), labeler.request("It rained.").toString());
    }

    @Test
    void aNullInstructionSendsNoSystemMessage() {
        var request = Labeler.of("base", null, LABELS).withPrompt(t -> "Review: " + t + "\nSentiment:").request("Lovely.");
        assertEquals(1, request.get("messages").size());
        assertEquals("user", request.at("/messages/0/role").asText());
        assertEquals("Review: Lovely.\nSentiment:", request.at("/messages/0/content").asText());
    }

    @Test
    void aFinishedReplyIsReadAsJson() {
        var labeler = Labeler.of("m", "x", LABELS);
        assertEquals("neutral", labeler.parse("{\"label\": \"neutral\"}", "stop"));
        assertEquals(Labeler.INVALID, labeler.parse("{\"label\": \"happy\"}", "stop"), "not one of the labels");
        assertEquals(Labeler.INVALID, labeler.parse("", "stop"));
    }

    @Test
    void aCutOffReplyCountsOnlyWithACompleteLabelPair() {
        var labeler = Labeler.of("m", "x", LABELS);
        assertEquals("negative", labeler.parse("{\"label\": \"negative\"\n\n\n\n", "length"));
        assertEquals(Labeler.INVALID, labeler.parse("{\"label\": \"nega", "length"));
        assertEquals(Labeler.INVALID, labeler.parse("{\n\n\n", "length"));
    }

    @Test
    void labelsAgainstAServerAndReportsTokensAndTime() {
        try (RawStub stub = new RawStub((ex, body) -> RawStub.json(ex, 200, """
                {"message":{"role":"assistant","content":"{\\"label\\": \\"positive\\"}"},"done_reason":"stop",
                 "prompt_eval_count":40,"eval_count":6,"prompt_eval_duration":2000000,"eval_duration":3000000}"""))) {
            var rest = new JsonClient(stub.url(), Duration.ofSeconds(5), CourseConfig.from(Map.of("OLLAMA_BASE_URL", stub.url())));
            var labeler = Labeler.of("m", "x", LABELS).withRest(rest);
            List<Labeler.Label> labels = labeler.labelAll(List.of("a", "b", "c"), 2);
            assertEquals(3, labels.size());
            Labeler.Label first = labels.get(0);
            assertEquals("positive", first.label());
            assertTrue(first.valid());
            assertEquals(40, first.promptTokens());
            assertEquals(6, first.outputTokens());
            assertEquals(5.0, first.computeMs(), 1e-9);
            assertEquals(3, stub.bodies.size());
            assertFalse(labels.stream().anyMatch(l -> !l.valid()));
        }
    }

    @Test
    void stopAtCloseAsksOllamaToStopAtTheBraceAndReadsTheReplyWithItPutBack() {
        assertFalse(Labeler.of("m", "x", LABELS).request("a").at("/options").has("stop"), "off unless asked for");
        try (RawStub stub = new RawStub((ex, body) -> RawStub.json(ex, 200, """
                {"message":{"role":"assistant","content":"{\\n  \\"label\\": \\"negative\\"\\n"},"done_reason":"stop",
                 "prompt_eval_count":40,"eval_count":9,"prompt_eval_duration":2000000,"eval_duration":3000000}"""))) {
            var rest = new JsonClient(stub.url(), Duration.ofSeconds(5), CourseConfig.from(Map.of("OLLAMA_BASE_URL", stub.url())));
            var labeler = Labeler.of("m", "x", LABELS).withStopAtClose().withRest(rest);
            assertEquals("[\"}\"]", labeler.request("a").at("/options/stop").toString());
            Labeler.Label label = labeler.label("a");
            assertEquals("negative", label.label());
            assertEquals("{\n  \"label\": \"negative\"\n", label.reply(), "the raw reply, as Ollama sent it");
        }
        assertThrows(IllegalArgumentException.class, () -> Labeler.of("m", "x", List.of("a}", "b")).withStopAtClose());
    }
}
