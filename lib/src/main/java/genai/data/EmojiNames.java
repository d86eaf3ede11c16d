package genai.data;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;

import java.util.List;
import java.util.Locale;

/**
 * Emoji written as their names, for an embedding model whose vocabulary has no emoji.
 *
 * <p>all-MiniLM-L6-v2 uses BERT's uncased WordPiece vocabulary (30,522 pieces), which has no emoji: each
 * becomes {@code [UNK]}, so "I love it 🙂" and "I love it 😡" embed to the same vector (cosine 1.000000;
 * sentence-transformers issue #1177), and a menu that marks dishes with 🌱 or 🌶️ cannot be searched by
 * them. Writing each emoji as its Unicode name ("slightly smiling face", "pouting face", "seedling",
 * "hot pepper") before embedding gives the model words it knows.
 *
 * <p>The table is the Unicode Character Database's names as the JDK carries them
 * ({@link Character#getName(int)}: Java 17 knows Unicode 13.0), lower-cased, for the code points of the
 * emoji blocks: Miscellaneous Symbols and Pictographs, Emoticons, Transport and Map Symbols,
 * Supplemental Symbols and Pictographs, Symbols and Pictographs Extended-A, Miscellaneous Symbols,
 * Dingbats and the other symbol blocks from U+2190 to U+2BFF (their "other symbol" characters only: ≠
 * and → stay), and the mahjong, domino and card blocks. Parts of an emoji sequence that carry no meaning of their own for search are dropped: the
 * variation selectors U+FE0E/U+FE0F, the zero-width joiner U+200D (the joined emoji are named one after
 * the other) and the skin-tone modifiers U+1F3FB..U+1F3FF. A pair of regional indicator letters becomes
 * "flag" and the two letters ("flag fr"). Everything else is left as it was.
 */
public final class EmojiNames {

    private EmojiNames() {}

    /**
     * The text with every emoji replaced by its name, set off by spaces.
     *
     * @param text any text, or null
     * @return the text with names for emoji (null for null); a text without emoji is returned unchanged
     */
    public static String named(String text) {
        if (text == null || !hasEmoji(text)) return text;
        StringBuilder out = new StringBuilder(text.length() + 32);
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (isRegionalIndicator(cp)) {
                out.append(" flag ").append((char) ('a' + cp - 0x1F1E6));
                if (i < text.length() && isRegionalIndicator(text.codePointAt(i))) {
                    out.append((char) ('a' + text.codePointAt(i) - 0x1F1E6));
                    i += 2;
                }
                out.append(' ');
            } else if (isJoiner(cp)) {
                // dropped: a selector, a joiner or a skin tone adds nothing a search could use
            } else if (isEmoji(cp)) {
                String name = Character.getName(cp);
                out.append(' ').append(name == null ? "symbol" : name.toLowerCase(Locale.ROOT)).append(' ');
            } else {
                out.appendCodePoint(cp);
            }
        }
        return out.toString().replaceAll(" {2,}", " ").strip();
    }

    /**
     * Whether {@code text} has at least one emoji (a code point {@link #named(String)} would name).
     *
     * @param text any text
     * @return true if some code point is in the emoji blocks or is a regional indicator
     */
    public static boolean hasEmoji(String text) {
        return text.codePoints().anyMatch(cp -> isEmoji(cp) || isRegionalIndicator(cp));
    }

    /**
     * An embedding model that embeds {@link #named(String)} of every text, so emoji reach the model as words.
     * The segments it returns embeddings for are not changed (a store keeps the text as written).
     *
     * @param model the model to wrap, e.g. {@link genai.Embeddings#shared()}
     * @return the wrapping model, with the same dimension
     */
    public static EmbeddingModel namingEmoji(EmbeddingModel model) {
        return new EmbeddingModel() {
            @Override
            public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
                return model.embedAll(segments.stream().map(s -> TextSegment.from(named(s.text()), s.metadata())).toList());
            }

            @Override
            public int dimension() {
                return model.dimension();
            }

            @Override
            public String modelName() {
                return model.modelName() + " (emoji named)";
            }
        };
    }

    static boolean isEmoji(int cp) {
        if (cp >= 0x1F3FB && cp <= 0x1F3FF) return false;   // skin tones: see isJoiner
        boolean block = (cp >= 0x2190 && cp <= 0x2BFF) || (cp >= 0x1F000 && cp <= 0x1F0FF) || (cp >= 0x1F300 && cp <= 0x1FAFF);
        if (!block) return false;
        int type = Character.getType(cp);
        return type == Character.OTHER_SYMBOL || !Character.isDefined(cp);   // not math symbols such as ≠ or arrows
    }

    private static boolean isJoiner(int cp) {
        return cp == 0xFE0E || cp == 0xFE0F || cp == 0x200D || (cp >= 0x1F3FB && cp <= 0x1F3FF) || cp == 0x20E3;
    }

    private static boolean isRegionalIndicator(int cp) {
        return cp >= 0x1F1E6 && cp <= 0x1F1FF;
    }
}
