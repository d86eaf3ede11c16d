package genai.gguf;

import genai.CourseError;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The byte-level BPE tokenizer stored in a GGUF file's metadata ({@code tokenizer.ggml.model = "gpt2"}):
 * the vocabulary ({@code tokenizer.ggml.tokens}), the merge rules in priority order
 * ({@code tokenizer.ggml.merges}), the token types ({@code tokenizer.ggml.token_type}) and the
 * pre-tokenizer named by {@code tokenizer.ggml.pre}.
 *
 * <p>Encoding a text, as llama.cpp does for a raw prompt (Ollama's runner for Llama-architecture models):
 * <ol>
 *   <li>control and user-defined tokens written literally in the text (such as {@code <|im_start|>})
 *       become their own ids;</li>
 *   <li>the rest is split into pieces by the pre-tokenizer's regular expressions, applied one after
 *       the other; text between matches is kept as a piece too (llama.cpp's {@code unicode_regex_split});</li>
 *   <li>each piece's UTF-8 bytes are written as printable characters with GPT-2's byte-to-unicode
 *       table (a space becomes {@code Ġ}, a newline {@code Ċ});</li>
 *   <li>starting from single characters, the adjacent pair with the best (lowest) merge rank is
 *       merged until no pair has a rule (Sennrich et al. 2016, as used by GPT-2);</li>
 *   <li>each resulting symbol is looked up in the vocabulary.</li>
 * </ol>
 * A BOS token is put first only if {@code tokenizer.ggml.add_bos_token} is true (it is false for SmolLM2).
 *
 * <p>Pre-tokenizers supported: {@code smollm} and the other names llama.cpp gives the same
 * expressions ({@code starcoder}, {@code refact}, {@code codeshell}, {@code command-r}; digits one
 * by one, then the GPT-2 expression), and {@code gpt2}/{@code default} (the GPT-2 expression).
 */
public final class GgufTokenizer {

    /** Token type of a control token such as {@code <|im_end|>} ({@code llama_token_type} in llama.cpp). */
    public static final int TYPE_CONTROL = 3;
    /** Token type of a user-defined token, also matched literally in the text. */
    public static final int TYPE_USER_DEFINED = 4;

    private static final String GPT2 = "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+";
    private static final char[] BYTE_TO_CHAR = new char[256];
    private static final Map<Character, Integer> CHAR_TO_BYTE = new HashMap<>();

    static {
        // GPT-2's bytes_to_unicode: printable Latin-1 bytes stand for themselves, the other 68 bytes
        // are moved to U+0100 onwards, in byte order.
        int next = 256;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            BYTE_TO_CHAR[b] = (char) (printable ? b : next++);
            CHAR_TO_BYTE.put(BYTE_TO_CHAR[b], b);
        }
    }

    private final List<String> tokens;
    private final int[] types;
    private final Map<String, Integer> ids = new HashMap<>();
    private final Map<String, Integer> mergeRank = new HashMap<>();
    private final List<Pattern> preTokenizer;
    private final List<String> specials;
    private final boolean addBos;
    private final int bos;
    private final int eos;

    /**
     * A tokenizer from its parts, for tests and for files without a reader.
     *
     * @param tokens the vocabulary, token id = index; byte-level strings as in the file ({@code Ġthe})
     * @param types one token type per token (1 normal, 3 control, 4 user-defined, …), or {@code null} for all normal
     * @param merges merge rules in priority order, each two symbols separated by one space ({@code "Ġ t"})
     * @param pre the pre-tokenizer name ({@code smollm}, {@code gpt2}, …)
     * @param addBos whether {@link #encode} puts {@code bos} first
     * @param bos the id of the beginning-of-sequence token
     * @param eos the id of the end-of-sequence token
     * @throws CourseError if the pre-tokenizer is not one this class implements
     */
    public GgufTokenizer(List<String> tokens, int[] types, List<String> merges, String pre, boolean addBos, int bos, int eos) {
        this.tokens = List.copyOf(tokens);
        this.types = types != null ? types.clone() : new int[tokens.size()];
        for (int i = 0; i < tokens.size(); i++) ids.putIfAbsent(tokens.get(i), i);
        for (int i = 0; i < merges.size(); i++) mergeRank.putIfAbsent(merges.get(i), i);
        this.preTokenizer = switch (pre) {
            case "smollm", "starcoder", "refact", "codeshell", "command-r" -> List.of(Pattern.compile("\\p{N}"), unicode(GPT2));
            case "gpt2", "default" -> List.of(unicode(GPT2));
            default -> throw new CourseError("Pre-tokenizer \"" + pre + "\" is not one genai.gguf implements (smollm, starcoder, refact, gpt2).");
        };
        List<String> sp = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            if (this.types[i] == TYPE_CONTROL || this.types[i] == TYPE_USER_DEFINED) sp.add(tokens.get(i));
        }
        sp.sort(Comparator.comparingInt(String::length).reversed());
        this.specials = sp;
        this.addBos = addBos;
        this.bos = bos;
        this.eos = eos;
    }

    private static Pattern unicode(String regex) {
        return Pattern.compile(regex, Pattern.UNICODE_CHARACTER_CLASS);
    }

    /**
     * The tokenizer stored in a GGUF file.
     *
     * @param file a GGUF file with {@code tokenizer.ggml.*} metadata
     * @return its tokenizer
     * @throws CourseError if the file's tokenizer is not byte-level BPE ({@code tokenizer.ggml.model} other
     *         than {@code gpt2}), a key is missing, or the pre-tokenizer is not implemented
     */
    public static GgufTokenizer of(GgufFile file) {
        String model = file.string("tokenizer.ggml.model");
        if (!model.equals("gpt2")) {
            throw new CourseError("The file's tokenizer is \"" + model + "\"; genai.gguf implements byte-level BPE (\"gpt2\") only.");
        }
        List<String> tokens = strings(file.metadata().get("tokenizer.ggml.tokens"));
        List<String> merges = strings(file.metadata().get("tokenizer.ggml.merges"));
        int[] types = file.metadata().get("tokenizer.ggml.token_type") instanceof List<?> t
                ? t.stream().mapToInt(v -> ((Number) v).intValue()).toArray() : null;
        String pre = file.metadata().get("tokenizer.ggml.pre") instanceof String s ? s : "default";
        boolean addBos = Boolean.TRUE.equals(file.metadata().get("tokenizer.ggml.add_bos_token"));
        return new GgufTokenizer(tokens, types, merges, pre, addBos,
                (int) file.integer("tokenizer.ggml.bos_token_id"), (int) file.integer("tokenizer.ggml.eos_token_id"));
    }

    private static List<String> strings(Object value) {
        if (value instanceof List<?> list) return list.stream().map(String::valueOf).toList();
        throw new CourseError("The GGUF file's tokenizer metadata is missing its token or merge list.");
    }

    /** @return the vocabulary size. */
    public int size() {
        return tokens.size();
    }

    /**
     * The token as stored in the vocabulary, in GPT-2's byte-level spelling.
     *
     * @param id a token id, 0 ≤ id &lt; {@link #size()}
     * @return e.g. {@code Ġcat} for " cat"
     */
    public String piece(int id) {
        return tokens.get(id);
    }

    /**
     * The token type from {@code tokenizer.ggml.token_type}.
     *
     * @param id a token id
     * @return 1 normal, 2 unknown, 3 control, 4 user-defined, 5 unused, 6 byte (llama.cpp's {@code llama_token_type})
     */
    public int type(int id) {
        return types[id];
    }

    /**
     * The id of a vocabulary entry.
     *
     * @param piece a token in byte-level spelling (e.g. {@code <|im_end|>} or {@code Ġcat})
     * @return its id, or -1 if the vocabulary has no such entry
     */
    public int id(String piece) {
        return ids.getOrDefault(piece, -1);
    }

    /**
     * The pieces the pre-tokenizer cuts a text into, before any merge (control tokens not separated).
     *
     * @param text any text
     * @return the pieces in order; concatenated they give {@code text} back
     */
    public List<String> preTokenize(String text) {
        List<String> pieces = List.of(text);
        for (Pattern p : preTokenizer) {
            List<String> next = new ArrayList<>();
            for (String piece : pieces) {
                Matcher m = p.matcher(piece);
                int end = 0;
                while (m.find()) {
                    if (m.start() > end) next.add(piece.substring(end, m.start()));
                    if (m.end() > m.start()) next.add(m.group());
                    end = m.end();
                }
                if (end < piece.length()) next.add(piece.substring(end));
            }
            pieces = next;
        }
        return pieces;
    }

    /**
     * Encodes a text the way llama.cpp encodes a raw prompt (see the class comment).
     *
     * @param text any text; control tokens written in it (e.g. {@code <|im_start|>}) become single tokens
     * @return the token ids, with BOS first only if the file asks for it
     */
    public int[] encode(String text) {
        List<Integer> out = new ArrayList<>();
        if (addBos) out.add(bos);
        int start = 0;
        while (start < text.length()) {
            int at = -1;
            String found = null;
            for (String s : specials) {
                int i = text.indexOf(s, start);
                if (i >= 0 && (at < 0 || i < at)) {
                    at = i;
                    found = s;
                }
            }
            int end = at < 0 ? text.length() : at;
            for (String piece : preTokenize(text.substring(start, end))) bytePairEncode(piece, out);
            if (found == null) break;
            out.add(ids.get(found));
            start = at + found.length();
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private void bytePairEncode(String piece, List<Integer> out) {
        byte[] utf8 = piece.getBytes(StandardCharsets.UTF_8);
        List<String> symbols = new ArrayList<>(utf8.length);
        for (byte b : utf8) symbols.add(String.valueOf(BYTE_TO_CHAR[b & 0xFF]));
        while (symbols.size() > 1) {
            int best = -1;
            int bestRank = Integer.MAX_VALUE;
            for (int i = 0; i + 1 < symbols.size(); i++) {
                Integer rank = mergeRank.get(symbols.get(i) + " " + symbols.get(i + 1));
                if (rank != null && rank < bestRank) {
                    bestRank = rank;
                    best = i;
                }
            }
            if (best < 0) break;
            symbols.set(best, symbols.get(best) + symbols.remove(best + 1));
        }
        for (String s : symbols) {
            Integer id = ids.get(s);
            if (id != null) {
                out.add(id);
            } else {
                for (char c : s.toCharArray()) {
                    Integer single = ids.get(String.valueOf(c));
                    if (single == null) throw new CourseError("The vocabulary has no token for the byte " + CHAR_TO_BYTE.get(c) + ".");
                    out.add(single);
                }
            }
        }
    }

    /**
     * The UTF-8 bytes a token stands for (a control token stands for its own text).
     *
     * @param id a token id
     * @return its bytes; a token may hold part of a multi-byte character
     */
    public byte[] bytes(int id) {
        String piece = tokens.get(id);
        if (types[id] == TYPE_CONTROL || types[id] == TYPE_USER_DEFINED) return piece.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (char c : piece.toCharArray()) {
            Integer b = CHAR_TO_BYTE.get(c);
            if (b == null) return piece.getBytes(StandardCharsets.UTF_8);
            out.write(b);
        }
        return out.toByteArray();
    }

    /**
     * Decodes token ids to text: their bytes joined, then read as UTF-8.
     *
     * @param ids token ids
     * @return the text (an incomplete character at the end shows as U+FFFD)
     */
    public String decode(int... ids) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int id : ids) out.writeBytes(bytes(id));
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * One token as text, for tables and comparisons with Ollama's {@code logprobs[].token}.
     *
     * @param id a token id
     * @return {@code decode(id)}
     */
    public String text(int id) {
        return decode(id);
    }

    @Override
    public String toString() {
        return "GgufTokenizer[" + tokens.size() + " tokens, " + mergeRank.size() + " merges, " + specials.size() + " literal specials]";
    }
}
