package genai.gguf;

import genai.CourseError;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class GgufTokenizerTest {

    /**
     * A tiny vocabulary: the control token, the single characters the tests use (in GPT-2's byte
     * spelling: Ġ is a space, Ċ a newline, Ã and © the two UTF-8 bytes of é), then merged tokens.
     */
    private static final List<String> TOKENS = List.of(
            "<|end|>", "h", "e", "l", "o", "Ġ", "w", "r", "d", "1", "2", "3", ",", "Ċ", "Ã", "©", "c", "a", "f",
            "he", "ll", "hell", "hello", "Ġw", "or", "Ġwor", "Ġworl", "Ġworld", "12", "ca", "caf", "Ã©", "cafÃ©");
    private static final List<String> MERGES = List.of(
            "h e", "l l", "he ll", "hell o", "Ġ w", "o r", "Ġw or", "Ġwor l", "Ġworl d", "1 2", "c a", "ca f", "Ã ©", "caf Ã©");

    private static GgufTokenizer tokenizer(String pre) {
        int[] types = new int[TOKENS.size()];
        java.util.Arrays.fill(types, 1);
        types[0] = GgufTokenizer.TYPE_CONTROL;
        return new GgufTokenizer(TOKENS, types, MERGES, pre, false, 0, 0);
    }

    private static List<String> pieces(GgufTokenizer t, int[] ids) {
        List<String> out = new ArrayList<>();
        for (int id : ids) out.add(t.piece(id));
        return out;
    }

    @Test
    void mergesByRankIntoWholeWords() {
        GgufTokenizer t = tokenizer("smollm");
        assertEquals(List.of("hello", "Ġworld"), pieces(t, t.encode("hello world")));
        assertEquals(List.of("hell", "Ġw", "o"), pieces(t, t.encode("hell wo")));
        assertEquals("hello world", t.decode(t.encode("hello world")));
    }

    @Test
    void smollmSplitsDigitsOneByOneEvenWhenAMergeExists() {
        GgufTokenizer t = tokenizer("smollm");
        assertEquals(List.of("1", "2", "3"), pieces(t, t.encode("123")));
        assertEquals(List.of("hello", "Ġ", "1", "2", ","), pieces(t, t.encode("hello 12,")));
        GgufTokenizer gpt2 = tokenizer("gpt2");
        assertEquals(List.of("12", "3"), pieces(gpt2, gpt2.encode("123")));
    }

    @Test
    void preTokenizerKeepsEveryCharacter() {
        GgufTokenizer t = tokenizer("smollm");
        assertEquals(List.of("hello", " world", ",", "1", "2", "  ", " x", "\n"), t.preTokenize("hello world,12   x\n"));
        assertEquals(List.of("I", "'m", " café"), t.preTokenize("I'm café"));
    }

    @Test
    void accentsAreTwoUtf8BytesWrittenAsTwoCharacters() {
        GgufTokenizer t = tokenizer("smollm");
        int[] ids = t.encode("café");
        assertEquals(List.of("cafÃ©"), pieces(t, ids));
        assertArrayEquals(new byte[] {'c', 'a', 'f', (byte) 0xC3, (byte) 0xA9}, t.bytes(ids[0]));
        assertEquals("café", t.decode(ids));
        assertEquals(List.of("hello", "Ċ"), pieces(t, t.encode("hello\n")));
    }

    @Test
    void controlTokensInTheTextAreSingleTokens() {
        GgufTokenizer t = tokenizer("smollm");
        assertArrayEquals(new int[] {22, 0, 27}, t.encode("hello<|end|> world"));
        assertEquals("hello<|end|> world", t.decode(22, 0, 27));
        assertEquals(0, t.id("<|end|>"));
        assertEquals(-1, t.id("xyz"));
        assertEquals(GgufTokenizer.TYPE_CONTROL, t.type(0));
    }

    @Test
    void aBosIsAddedOnlyWhenTheFileAsksForIt() {
        GgufTokenizer withBos = new GgufTokenizer(TOKENS, null, MERGES, "smollm", true, 0, 0);
        assertArrayEquals(new int[] {0, 22}, withBos.encode("hello"));
        assertArrayEquals(new int[] {22}, tokenizer("smollm").encode("hello"));
    }

    @Test
    void aMissingByteAndAnUnknownPreTokenizerAreExplained() {
        GgufTokenizer t = tokenizer("smollm");
        CourseError e = assertThrows(CourseError.class, () -> t.encode("z"));
        assertTrue(e.getMessage().contains("byte 122"), e.getMessage());
        assertThrows(CourseError.class, () -> tokenizer("llama-bpe"));
    }

    @Test
    void readsItsPartsFromAGgufFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        int[] types = new int[TOKENS.size()];
        java.util.Arrays.fill(types, 1);
        types[0] = 3;
        java.nio.file.Path p = dir.resolve("tok.gguf");
        java.nio.file.Files.write(p, new GgufWriter()
                .string("tokenizer.ggml.model", "gpt2").string("tokenizer.ggml.pre", "smollm")
                .strings("tokenizer.ggml.tokens", TOKENS).strings("tokenizer.ggml.merges", MERGES)
                .int32s("tokenizer.ggml.token_type", types)
                .bool("tokenizer.ggml.add_bos_token", false)
                .uint32("tokenizer.ggml.bos_token_id", 0).uint32("tokenizer.ggml.eos_token_id", 0).bytes());
        GgufTokenizer t = GgufTokenizer.of(GgufFile.open(p));
        assertEquals(TOKENS.size(), t.size());
        assertArrayEquals(new int[] {22, 0, 27}, t.encode("hello<|end|> world"));
    }
}
