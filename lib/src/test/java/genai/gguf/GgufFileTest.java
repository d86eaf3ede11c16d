package genai.gguf;

import genai.CourseError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class GgufFileTest {

    @TempDir
    Path dir;

    /** Two Q8_0 rows of 32: row r has d = 1/(r+1) as a half and qs = j - 16. */
    private static byte[] q8Rows() {
        ByteBuffer b = GgufWriter.le(68);
        short[] halves = {0x3C00, 0x3800};                                  // 1.0 and 0.5
        for (short d : halves) {
            b.putShort(d);
            for (int j = 0; j < 32; j++) b.put((byte) (j - 16));
        }
        return b.array();
    }

    /** One Q4_1 row of 64 (two blocks): d = 1, m = 10 then d = 2, m = -3; every nibble 1 (low) and 2 (high). */
    private static byte[] q4Row() {
        ByteBuffer b = GgufWriter.le(40);
        b.putShort((short) 0x3C00).putShort((short) 0x4900);                // 1.0, 10.0
        for (int j = 0; j < 16; j++) b.put((byte) 0x21);
        b.putShort((short) 0x4000).putShort((short) 0xC200);                // 2.0, -3.0
        for (int j = 0; j < 16; j++) b.put((byte) 0x21);
        return b.array();
    }

    private Path write(GgufWriter w) throws IOException {
        Path p = dir.resolve("model.gguf");
        Files.write(p, w.bytes());
        return p;
    }

    private GgufWriter sample() {
        ByteBuffer f32 = GgufWriter.le(32);
        for (int i = 0; i < 8; i++) f32.putFloat(i * 0.5f);
        return new GgufWriter()
                .string("general.architecture", "llama")
                .uint32("llama.block_count", 2)
                .uint64("general.parameter_count", 8 + 64 + 64)
                .float32("llama.rope.freq_base", 10000f)
                .bool("tokenizer.ggml.add_bos_token", false)
                .int8("test.int8", -5)
                .strings("tokenizer.ggml.tokens", List.of("a", "b", "c", "d", "e", "f"))
                .tensor("norm.weight", 0, f32.array(), 4, 2)
                .tensor("token_embd.weight", 8, q8Rows(), 32, 2)
                .tensor("blk.0.ffn_up.weight", 3, q4Row(), 64, 1);
    }

    @Test
    void readsHeaderMetadataAndTensorTable() throws IOException {
        GgufFile f = GgufFile.open(write(sample()));
        assertEquals(3, f.version());
        assertEquals("llama", f.string("general.architecture"));
        assertEquals(2, f.integer("llama.block_count"));
        assertEquals(10000.0, f.number("llama.rope.freq_base"));
        assertEquals(false, f.metadata().get("tokenizer.ggml.add_bos_token"));
        assertEquals(-5L, f.metadata().get("test.int8"));
        assertEquals("[6 × \"a\", \"b\", \"c\", …]", f.describe("tokenizer.ggml.tokens"));
        assertEquals(List.of("norm.weight", "token_embd.weight", "blk.0.ffn_up.weight"), List.copyOf(f.tensors().keySet()));
        assertEquals(0, f.dataStart() % 32);
        long params = f.tensors().values().stream().mapToLong(GgufTensor::elementCount).sum();
        assertEquals(f.integer("general.parameter_count"), params);

        GgufTensor norm = f.tensor("norm.weight");
        assertEquals(GgmlType.F32, norm.type());
        assertEquals(2, norm.rows());
        assertEquals(4, norm.cols());
        assertArrayEquals(new float[] {0, 0.5f, 1, 1.5f, 2, 2.5f, 3, 3.5f}, norm.toFloats());
        assertEquals("norm.weight F32 [4, 2]", norm.toString());
    }

    @Test
    void dequantizesRowsOfQ8_0AndQ4_1() throws IOException {
        GgufFile f = GgufFile.open(write(sample()));
        GgufTensor emb = f.tensor("token_embd.weight");
        assertEquals(68, emb.byteSize());
        assertEquals(34, emb.blockBytes(1).length);
        assertEquals(0x00, emb.blockBytes(1)[0]);                            // 0x3800 little-endian: 00 38
        assertEquals(0x38, emb.blockBytes(1)[1]);
        float[] row = new float[32];
        emb.row(1, row);
        for (int j = 0; j < 32; j++) assertEquals(0.5f * (j - 16), row[j]);
        float[] all = emb.toFloats();
        assertEquals(-16f, all[0]);
        assertEquals(15f * 0.5f, all[63]);

        float[] up = f.tensor("blk.0.ffn_up.weight").toFloats();
        assertEquals(11f, up[0]);          // 1 × 1 + 10
        assertEquals(12f, up[16]);         // 1 × 2 + 10
        assertEquals(-1f, up[32]);         // 2 × 1 − 3
        assertEquals(1f, up[63]);          // 2 × 2 − 3
        assertThrows(IndexOutOfBoundsException.class, () -> emb.row(2, row));
        assertThrows(IndexOutOfBoundsException.class, () -> emb.blockBytes(2));
    }

    @Test
    void honoursAnAlignmentOtherThan32() throws IOException {
        ByteBuffer f32 = GgufWriter.le(12).putFloat(1).putFloat(2).putFloat(3);
        GgufFile f = GgufFile.open(write(new GgufWriter().alignment(64)
                .tensor("a", 0, f32.array(), 3).tensor("b", 0, GgufWriter.le(4).putFloat(7).array(), 1)));
        assertEquals(0, f.dataStart() % 64);
        assertEquals(64, f.tensor("b").offset());
        assertArrayEquals(new float[] {7}, f.tensor("b").toFloats());
    }

    @Test
    void refusesWhatIsNotAReadableGguf() throws IOException {
        CourseError notGguf = assertThrows(CourseError.class, () -> GgufFile.open(write(sample().magic(0x12345678))));
        assertTrue(notGguf.getMessage().contains("not a GGUF file"), notGguf.getMessage());

        byte[] whole = sample().bytes();
        Path cut = dir.resolve("cut.gguf");
        Files.write(cut, Arrays.copyOf(whole, whole.length - 10));
        assertTrue(assertThrows(CourseError.class, () -> GgufFile.open(cut)).getMessage().contains("truncated"));
        Files.write(cut, Arrays.copyOf(whole, 60));
        assertTrue(assertThrows(CourseError.class, () -> GgufFile.open(cut)).getMessage().contains("truncated"));

        CourseError kQuant = assertThrows(CourseError.class, () -> GgufFile.open(write(new GgufWriter().tensor("k", 12, new byte[144], 256))));
        assertTrue(kQuant.getMessage().contains("type 12"), kQuant.getMessage());

        assertTrue(assertThrows(CourseError.class, () -> GgufFile.open(dir.resolve("missing.gguf"))).getMessage().contains("no file"));
        GgufFile f = GgufFile.open(write(sample()));
        assertTrue(assertThrows(CourseError.class, () -> f.tensor("output.weight")).getMessage().contains("no tensor named output.weight"));
        assertThrows(CourseError.class, () -> f.integer("llama.context_length"));
        assertThrows(CourseError.class, () -> f.integer("general.architecture"));
    }

    @Test
    void refusesAKQuantWithOneSentenceNamingTheCourseModel() throws IOException {
        Path file = write(new GgufWriter().tensor("blk.0.ffn_up.weight", 12, new byte[144], 256));
        String message = assertThrows(CourseError.class, () -> GgufFile.open(file)).getMessage();
        assertEquals(file + ", tensor blk.0.ffn_up.weight: ggml tensor type 12 (Q4_K) is not one genai.gguf reads (F32, F16, Q4_0, Q4_1, Q8_0): "
                + "read the course's own smollm2-135m-instruct instead, with GgufFile.open(GgufFile.ofCourseModel()), whatever COURSE_CHAT_MODEL names.", message);
        assertFalse(message.contains("\n"), message);
        assertTrue(assertThrows(CourseError.class, () -> GgmlType.ofId(99)).getMessage().startsWith("ggml tensor type 99 is not one"));
    }

    @Test
    void refusesAFileWhoseWeightsWouldNotFitTheHeap() throws IOException {
        Path file = write(sample());                                        // 136 parameters: 544 bytes as float32
        assertEquals(3, GgufFile.open(file, 544).tensors().size());
        String message = assertThrows(CourseError.class, () -> GgufFile.open(file, 543)).getMessage();
        assertTrue(message.startsWith(file + " holds 136 parameters, 0.0 GB as float32, more than this JVM's heap of 0.0 GB: "), message);
        assertTrue(message.endsWith("read the course's own smollm2-135m-instruct instead, with GgufFile.open(GgufFile.ofCourseModel()), whatever COURSE_CHAT_MODEL names."), message);
    }

    @Test
    void findsTheCourseModelInTheFolderTheClassStackNames() throws IOException {
        Path models = Files.createDirectories(dir.resolve("course-models"));
        String missing = assertThrows(CourseError.class, () -> GgufFile.ofCourseModel(models)).getMessage();
        assertEquals("COURSE_GGUF_DIR is " + models + " but holds no SmolLM2-135M-Instruct.Q4_1.gguf: in the class stack run "
                + "'docker compose up course-models' (it copies the course's model there), elsewhere unset COURSE_GGUF_DIR.", missing);
        Path file = Files.write(models.resolve(GgufFile.COURSE_MODEL_FILE), sample().bytes());
        assertEquals(file, GgufFile.ofCourseModel(models));
        assertEquals("llama", GgufFile.open(GgufFile.ofCourseModel(models)).string("general.architecture"));
        assertEquals(genai.stack.CourseConfig.DEFAULT_CHAT_MODEL, GgufFile.COURSE_MODEL);
    }

    @Test
    void findsTheBlobInAnOllamaModelfile() {
        String modelfile = "# Modelfile generated by \"ollama show\"\n# FROM smollm2:latest\n\n"
                + "FROM /root/.ollama/models/blobs/sha256-b179c95\nTEMPLATE \"{{ .Prompt }}\"\nPARAMETER stop <|im_end|>\n";
        assertEquals(Path.of("/root/.ollama/models/blobs/sha256-b179c95"), GgufFile.fromModelfile(modelfile));
        assertNull(GgufFile.fromModelfile("FROM llama3.2\n"));
        assertNull(GgufFile.fromModelfile(""));
    }
}
