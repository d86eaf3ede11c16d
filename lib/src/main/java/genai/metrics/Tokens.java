package genai.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The word tokeniser shared by {@link Rouge} and {@link Bleu}.
 *
 * <p>Rule: a token is a maximal run of letters, digits and combining marks (Unicode categories
 * L*, Nd/Nl/No via {@link Character#isLetterOrDigit(int)}, and Mn/Mc/Me); every other character
 * (spaces, punctuation, symbols, apostrophes, hyphens) separates tokens and is dropped. Each token is
 * then lower-cased with {@link Locale#ROOT}. There is no stemming and no stop-word removal.
 *
 * <p>Examples: {@code "The cat's mat."} gives {@code [the, cat, s, mat]};
 * {@code "e-mail 2 Café"} gives {@code [e, mail, 2, café]}. This is close to the tokeniser of
 * Google's {@code rouge-score} package (lower-case, split on non-alphanumerics) except that letters
 * outside ASCII are kept rather than dropped.
 */
public final class Tokens {

    private Tokens() {}

    /** The tokens of {@code text} by the rule above; an empty or blank text gives an empty list. */
    public static List<String> of(String text) {
        Objects.requireNonNull(text, "text");
        List<String> tokens = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        text.codePoints().forEach(cp -> {
            if (isWordCodePoint(cp)) {
                current.appendCodePoint(cp);
            } else if (current.length() > 0) {
                tokens.add(current.toString().toLowerCase(Locale.ROOT));
                current.setLength(0);
            }
        });
        if (current.length() > 0) {
            tokens.add(current.toString().toLowerCase(Locale.ROOT));
        }
        return tokens;
    }

    private static boolean isWordCodePoint(int cp) {
        if (Character.isLetterOrDigit(cp)) {
            return true;
        }
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK
                || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }
}
