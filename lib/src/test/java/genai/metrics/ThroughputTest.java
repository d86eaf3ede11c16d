package genai.metrics;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import genai.http.JsonClient;

class ThroughputTest {

    @Test
    void readsOllamasTimings() throws Exception {
        var t = Throughput.of(JsonClient.json().readTree("""
                {"prompt_eval_count":36,"prompt_eval_duration":873000000,"eval_count":48,"eval_duration":480000000,"load_duration":0}"""));
        assertEquals(36 / 0.873, t.promptTokensPerSecond(), 1e-9);
        assertEquals(100.0, t.generatedTokensPerSecond(), 1e-9);
        assertTrue(Double.isNaN(Throughput.of(JsonClient.json().readTree("{}")).generatedTokensPerSecond()));
    }

    @Test
    void anUncachedPromptStartsDifferentlyEveryTime() {
        String a = Throughput.uncached("Write about rivers.");
        String b = Throughput.uncached("Write about rivers.");
        assertNotEquals(a.substring(0, 17), b.substring(0, 17));
        assertTrue(a.endsWith("\nWrite about rivers."));
    }
}
