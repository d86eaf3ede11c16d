package genai.gguf;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Round trips: what GgufWriter writes, GgufFile reads back unchanged. */
class GgufWriterTest {

    @TempDir
    Path dir;

    @Test
    void metadataAndF32TensorsRoundTrip() {
        float[] a = {1.5f, -2f, 0f, 3.25f, 1e-7f, -0f};           // 2 rows of 3
        float[] b = {7f, 8f, 9f, 10f, 11f, 12f, 13f, 14f};          // 4 rows of 2
        Path file = dir.resolve("sub/adapter.gguf");
        long written = new GgufWriter()
                .string("general.type", "adapter")
                .string("general.architecture", "llama")
                .string("adapter.type", "lora")
                .float32("adapter.lora.alpha", 16f)
                .uint32("some.count", 4_000_000_000L)
                .uint64("some.big", 1L << 40)
                .bool("some.flag", true)
                .strings("some.list", List.of("x", "ÿ €"))
                .int32s("some.ints", -1, 2)
                .f32("blk.0.attn_q.weight.lora_a", a, 3, 2)
                .f32("blk.0.attn_q.weight.lora_b", b, 2, 4)
                .write(file);
        GgufFile f = GgufFile.open(file);
        assertEquals(written, f.fileSize());
        assertEquals(3, f.version());
        assertEquals("adapter", f.string("general.type"));
        assertEquals("lora", f.string("adapter.type"));
        assertEquals(16.0, f.number("adapter.lora.alpha"));
        assertEquals(4_000_000_000L, f.integer("some.count"));
        assertEquals(1L << 40, f.integer("some.big"));
        assertEquals(true, f.metadata().get("some.flag"));
        assertEquals(List.of("x", "ÿ €"), f.metadata().get("some.list"));
        assertEquals(List.of(-1L, 2L), f.metadata().get("some.ints"));
        GgufTensor ta = f.tensor("blk.0.attn_q.weight.lora_a");
        assertEquals(GgmlType.F32, ta.type());
        assertArrayEquals(new long[] {3, 2}, ta.dims());
        assertArrayEquals(a, ta.toFloats());
        assertArrayEquals(b, f.tensor("blk.0.attn_q.weight.lora_b").toFloats());
        assertEquals(0, f.dataStart() % 32);
        assertEquals(0, f.tensor("blk.0.attn_q.weight.lora_b").offset() % 32);
    }

    @Test
    void alignmentIsHonouredAndRecorded() {
        Path file = dir.resolve("aligned.gguf");
        new GgufWriter().alignment(64).f32("a", new float[] {1, 2, 3}, 3).f32("b", new float[] {4}, 1).write(file);
        GgufFile f = GgufFile.open(file);
        assertEquals(64L, f.integer("general.alignment"));
        assertEquals(0, f.dataStart() % 64);
        assertEquals(64, f.tensor("b").offset());
        assertArrayEquals(new float[] {4}, f.tensor("b").toFloats());
    }

    @Test
    void aShapeThatDoesNotHoldTheValuesIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new GgufWriter().f32("a", new float[5], 2, 2));
        assertThrows(IllegalArgumentException.class, () -> new GgufWriter().alignment(48));
    }
}
