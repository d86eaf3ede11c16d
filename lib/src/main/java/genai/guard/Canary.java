package genai.guard;

import java.security.SecureRandom;
import java.util.Objects;

/**
 * A canary: a random token planted in a secret (a system prompt, a confidential document) or asked
 * for by an attack, so that leakage or obedience is decided by an exact string match in the model's
 * output, with no judge. A new canary per run means a token can only appear in a reply if it came
 * from this run's prompt: the model cannot have seen it in training, and an old output cannot match.
 *
 * <p>The idea is the "canary word" of prompt-leak detection (Rebuff, ProtectAI; the OWASP Top 10 for
 * LLM Applications 2025, LLM07 System Prompt Leakage, lists it among the mitigations).
 *
 * @param token the planted string: a prefix, a dash and 10 characters of an unambiguous alphabet
 */
public record Canary(String token) {

    /** Letters and digits without look-alikes (no 0/O, 1/I/L), so a copied token is copied exactly. */
    static final String ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** @throws IllegalArgumentException if the token is shorter than 8 characters (a short token matches by chance) */
    public Canary {
        Objects.requireNonNull(token, "token");
        if (token.length() < 8) throw new IllegalArgumentException("A canary needs at least 8 characters, got '" + token + "'.");
    }

    /**
     * A new random canary, e.g. {@code random("CANARY")} gives {@code CANARY-7KQ4MZ2HXA}: 31^10, about
     * 8·10^14 possible tokens, so a chance match in a reply is out of the question.
     *
     * @param prefix letters that say what the token guards (kept in the token)
     */
    public static Canary random(String prefix) {
        StringBuilder b = new StringBuilder(prefix).append('-');
        for (int i = 0; i < 10; i++) b.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        return new Canary(b.toString());
    }

    /**
     * {@code template} with every {@code placeholder} (e.g. {@code {{CANARY}}}) replaced by the token.
     *
     * @throws IllegalArgumentException if the template does not contain the placeholder (a canary that
     *     was never planted would make every "no leak" result meaningless)
     */
    public String plantIn(String template, String placeholder) {
        if (!template.contains(placeholder)) {
            throw new IllegalArgumentException("The text holds no " + placeholder + " to replace: the canary would not be planted.");
        }
        return template.replace(placeholder, token);
    }

    /**
     * Whether {@code output} contains the token exactly (case-sensitive). A model that spells the
     * token out with spaces or in another case is not caught: the check is exact on purpose, so that
     * it never flags a reply that did not copy the secret, and the lesson says what it misses.
     */
    public boolean leakedIn(String output) {
        return output != null && output.contains(token);
    }

    /** Consecutive characters of the random part that make a recognisable part of the token. */
    public static final int RECOGNISABLE = 5;

    /**
     * Whether {@code output} contains the token or a recognisable part of it: {@value #RECOGNISABLE} or
     * more consecutive characters of its random part (the text after the last dash), in any case and
     * with spaces, dashes or other punctuation between them. A reply that prints {@code MARKER-SGX5BYF}
     * for {@code MARKER-SGX5BYFQ2M} copied the secret, cut short: for scoring an attack it is a leak.
     * Stricter than {@link #leakedIn}, which a guardrail uses; the difference is what that exact check
     * misses. A chance match of 5 characters from a 31-letter alphabet is about 1 in 29 million per place.
     */
    public boolean partlyLeakedIn(String output) {
        if (output == null) return false;
        if (leakedIn(output)) return true;
        String secret = token.substring(token.lastIndexOf('-') + 1).toUpperCase(java.util.Locale.ROOT);
        String squeezed = output.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "");
        for (int i = 0; i + RECOGNISABLE <= secret.length(); i++) {
            if (squeezed.contains(secret.substring(i, i + RECOGNISABLE))) return true;
        }
        return false;
    }

    @Override
    public String toString() {
        return token;
    }
}
