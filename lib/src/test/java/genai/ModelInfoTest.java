package genai;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import genai.http.JsonClient;

class ModelInfoTest {

    // The shape of Ollama 0.24's /api/show answer for the course's chat model (fields trimmed).
    private static final String SHOW = """
            {"parameters":"num_ctx                        4096\\nstop                           \\"<|im_end|>\\"\\nstop                           \\"<|im_start|>\\"",
             "template":"{{ range .Messages }}...{{ end }}",
             "capabilities":["completion"],
             "details":{"format":"gguf","family":"llama","parameter_size":"134.52M","quantization_level":"F16"},
             "model_info":{"general.architecture":"llama","llama.context_length":8192}}""";

    @Test
    void readsStopsWindowAndCapabilities() throws Exception {
        ModelInfo info = ModelInfo.from("smollm2-135m-instruct", JsonClient.json().readTree(SHOW));
        assertEquals(List.of("<|im_end|>", "<|im_start|>"), info.stops());
        assertEquals(4096, info.numCtx());
        assertEquals(8192, info.trainedContext());
        assertTrue(info.supports("completion"));
        assertFalse(info.supports("tools"));
        assertEquals("F16", info.quantization());
    }

    @Test
    void aRequestsOwnStopsAreAddedToTheModelsNotPutInTheirPlace() throws Exception {
        // ollama/ollama#4524: a request's stop list replaces the Modelfile's, so ["###"] alone would let the model run past <|im_end|>.
        ModelInfo info = ModelInfo.from("m", JsonClient.json().readTree(SHOW));
        assertEquals(List.of("<|im_end|>", "<|im_start|>", "###"), info.stopsWith("###"));
        assertEquals(List.of("<|im_end|>", "<|im_start|>"), info.stopsWith("<|im_end|>"));
    }

    @Test
    void aModelfileWithoutParametersGetsOllamasDefaults() throws Exception {
        ModelInfo info = ModelInfo.from("m", JsonClient.json().readTree("{\"capabilities\":[\"completion\",\"tools\"]}"));
        assertEquals(ModelInfo.OLLAMA_DEFAULT_NUM_CTX, info.numCtx());
        assertEquals(List.of(), info.stops());
        assertTrue(info.supports("tools"));
        assertEquals("", info.quantization());
    }
}
