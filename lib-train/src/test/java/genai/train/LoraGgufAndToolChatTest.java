package genai.train;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import genai.http.JsonClient;
import genai.gguf.GgmlType;
import genai.gguf.GgufFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoraGgufAndToolChatTest {

    @TempDir
    Path dir;

    @Test
    void theAdapterFileHasLlamaCppsNamesShapesAndValues() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            Llama model = Llama.random(LlamaTest.TINY, m, 1, 0.3f);
            Lora q = model.attach(1, "attn_q", 2, 4, 1);
            Lora v = model.attach(1, "attn_v", 2, 4, 2);
            v.b.set(new float[] {1, 2, 3, 4, 5, 6, 7, 8});
            Path file = dir.resolve("a.gguf");
            long bytes = LoraGguf.write(model, file);
            GgufFile g = GgufFile.open(file);
            assertEquals(bytes, g.fileSize());
            assertEquals("adapter", g.string("general.type"));
            assertEquals("llama", g.string("general.architecture"));
            assertEquals("lora", g.string("adapter.type"));
            assertEquals(4.0, g.number("adapter.lora.alpha"));
            assertEquals(4, g.tensors().size());
            // lora_a: ggml dims [in, r]; lora_b: [r, out]; attn_v maps 8 -> kvDim 4
            assertArrayEquals(new long[] {8, 2}, g.tensor("blk.1.attn_q.weight.lora_a").dims());
            assertArrayEquals(new long[] {2, 8}, g.tensor("blk.1.attn_q.weight.lora_b").dims());
            assertArrayEquals(new long[] {2, 4}, g.tensor("blk.1.attn_v.weight.lora_b").dims());
            assertEquals(GgmlType.F32, g.tensor("blk.1.attn_v.weight.lora_b").type());
            assertArrayEquals(v.b.toFloatArray(), g.tensor("blk.1.attn_v.weight.lora_b").toFloats());
            assertArrayEquals(q.a.toFloatArray(), g.tensor("blk.1.attn_q.weight.lora_a").toFloats());
        }
    }

    @Test
    void aDivergedAdapterIsRefusedAndNoFileIsWritten() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            Llama model = Llama.random(LlamaTest.TINY, m, 1, 0.3f);
            Lora q = model.attach(1, "attn_q", 2, 4, 1);
            float[] b = new float[16];
            b[5] = Float.NaN;
            q.b.set(b);
            Path file = dir.resolve("nan.gguf");
            String message = assertThrows(genai.CourseError.class, () -> LoraGguf.write(model, file)).getMessage();
            assertEquals("The adapter on blk.1.attn_q.weight holds NaN or infinite values, so training diverged and nan.gguf was not written: "
                    + "run the training cell again (or lower the learning rate).", message);
            assertFalse(java.nio.file.Files.exists(file));
        }
    }

    @Test
    void adaptersWithDifferentAlphasCannotShareAFile() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            Llama model = Llama.random(LlamaTest.TINY, m, 1, 0.3f);
            model.attach(1, "attn_q", 2, 4, 1);
            model.attach(1, "attn_v", 2, 8, 2);
            assertThrows(IllegalArgumentException.class, () -> LoraGguf.write(model, dir.resolve("b.gguf")));
        }
    }

    @Test
    void callsAreWrittenAsTheTemplateRendersThem() throws Exception {
        JsonNode call = JsonClient.json().readTree("{\"name\":\"place_order\",\"arguments\":{\"quantity\":2,\"product_id\":\"P09\"}}");
        assertEquals("<tool_call>[{\"name\": \"place_order\", \"arguments\": {\"product_id\":\"P09\",\"quantity\":2}}]</tool_call>", ToolChat.calls(List.of(call)));
    }

    @Test
    void aPromptWithHistoryHasTheTemplatesTurns() throws Exception {
        JsonNode call = JsonClient.json().readTree("{\"name\":\"search_products\",\"arguments\":{\"query\":\"fan\"}}");
        String p = ToolChat.prompt("Is the fan in stock?", List.of(call, JsonClient.json().getNodeFactory().textNode("[{\"id\":\"P03\"}]")));
        assertEquals("<|im_start|>system\n" + ToolChat.SYSTEM + "<|im_end|>\n<|im_start|>user\nIs the fan in stock?<|im_end|>\n"
                + "<|im_start|>assistant\n<tool_call>[{\"name\": \"search_products\", \"arguments\": {\"query\":\"fan\"}}]</tool_call><|im_end|>\n"
                + "<|im_start|>user\n<tool_response>\n[{\"id\":\"P03\"}]\n</tool_response><|im_end|>\n<|im_start|>assistant\n", p);
        assertTrue(ToolChat.template().contains(".Tools") && ToolChat.template().contains(ToolChat.SYSTEM));
    }

    @Test
    void callsAreParsedBackFromARawReply() {
        var calls = ToolChat.parseCalls("<tool_call>[{\"name\": \"get_stock\", \"arguments\": {\"product_id\":\"P07\"}}]</tool_call>");
        assertEquals(1, calls.size());
        assertEquals("get_stock", calls.get(0).name());
        assertEquals("P07", calls.get(0).arguments().get("product_id").asText());
        assertEquals(List.of(), ToolChat.parseCalls("Hello! How can I help?"));
        assertEquals(List.of(), ToolChat.parseCalls("<tool_call>[{\"name\": \"get_stock\", \"argu"));
    }
}
