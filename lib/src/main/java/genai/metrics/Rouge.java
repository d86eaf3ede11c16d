package genai.metrics;

import java.util.List;
import java.util.Objects;

/**
 * ROUGE (Lin, 2004) for one candidate text against one reference text: ROUGE-1, ROUGE-2, ROUGE-N
 * and ROUGE-L, each as precision, recall and F1.
 *
 * <p>Definitions (tokens from {@link Tokens#of(String)}: lower-cased, split on anything that is not
 * a letter or digit, no stemming):
 * <ul>
 *   <li><b>ROUGE-N</b>: overlap = &Sigma; over distinct n-grams g of min(count of g in the candidate,
 *       count of g in the reference) (clipped counts, so a repeated n-gram is credited at most as
 *       often as the reference has it). Precision = overlap / (n-grams in the candidate), recall =
 *       overlap / (n-grams in the reference). A text of L tokens has max(0, L &minus; n + 1) n-grams.</li>
 *   <li><b>ROUGE-L</b>: with LCS the length of the longest common subsequence of the two token
 *       lists (in order, not necessarily contiguous), precision = LCS / (candidate tokens), recall =
 *       LCS / (reference tokens). This is the sentence-level ROUGE-L applied to the whole text (what
 *       Google's {@code rouge-score} calls {@code rougeL}; no sentence splitting, no union-LCS).</li>
 *   <li>F1 = 2PR / (P + R), i.e. Lin's F-measure with beta = 1.</li>
 * </ul>
 *
 * <p>Zero denominators: a precision or recall whose denominator is 0 (a text with fewer than n
 * tokens) is 0, and F1 is 0 when P + R = 0. So an empty candidate or reference scores 0, even when
 * both are empty.
 */
public final class Rouge {

    private Rouge() {}

    /** ROUGE-1 (unigram overlap) of {@code candidate} against {@code reference}. */
    public static PrecisionRecallF1 rouge1(String candidate, String reference) {
        return rougeN(candidate, reference, 1);
    }

    /** ROUGE-2 (bigram overlap) of {@code candidate} against {@code reference}. */
    public static PrecisionRecallF1 rouge2(String candidate, String reference) {
        return rougeN(candidate, reference, 2);
    }

    /** ROUGE-N for any order {@code n >= 1}, on the texts' {@link Tokens}. */
    public static PrecisionRecallF1 rougeN(String candidate, String reference, int n) {
        return rougeN(Tokens.of(candidate), Tokens.of(reference), n);
    }

    /** ROUGE-N on token lists you tokenised yourself. */
    public static PrecisionRecallF1 rougeN(List<String> candidateTokens, List<String> referenceTokens, int n) {
        checkTokens(candidateTokens, referenceTokens);
        int overlap = NGrams.clippedOverlap(NGrams.count(candidateTokens, n), NGrams.count(referenceTokens, n));
        return PrecisionRecallF1.of(
                PrecisionRecallF1.ratio(overlap, NGrams.total(candidateTokens.size(), n)),
                PrecisionRecallF1.ratio(overlap, NGrams.total(referenceTokens.size(), n)));
    }

    /** ROUGE-L (longest common subsequence) of {@code candidate} against {@code reference}. */
    public static PrecisionRecallF1 rougeL(String candidate, String reference) {
        return rougeL(Tokens.of(candidate), Tokens.of(reference));
    }

    /** ROUGE-L on token lists you tokenised yourself. */
    public static PrecisionRecallF1 rougeL(List<String> candidateTokens, List<String> referenceTokens) {
        checkTokens(candidateTokens, referenceTokens);
        int lcs = lcsLength(candidateTokens, referenceTokens);
        return PrecisionRecallF1.of(
                PrecisionRecallF1.ratio(lcs, candidateTokens.size()),
                PrecisionRecallF1.ratio(lcs, referenceTokens.size()));
    }

    /** The length of the longest common subsequence of two token lists (dynamic programming, O(|a|&middot;|b|)). */
    public static int lcsLength(List<String> a, List<String> b) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        // previous[j] = LCS length of a[0..i) and b[0..j) for the previous i.
        int[] previous = new int[b.size() + 1];
        int[] current = new int[b.size() + 1];
        for (int i = 1; i <= a.size(); i++) {
            for (int j = 1; j <= b.size(); j++) {
                if (a.get(i - 1).equals(b.get(j - 1))) {
                    current[j] = previous[j - 1] + 1;
                } else {
                    current[j] = Math.max(previous[j], current[j - 1]);
                }
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.size()];
    }

    private static void checkTokens(List<String> candidate, List<String> reference) {
        Objects.requireNonNull(candidate, "candidate tokens");
        Objects.requireNonNull(reference, "reference tokens");
        candidate.forEach(t -> Objects.requireNonNull(t, "a candidate token"));
        reference.forEach(t -> Objects.requireNonNull(t, "a reference token"));
    }
}
