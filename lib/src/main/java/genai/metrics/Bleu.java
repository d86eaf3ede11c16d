package genai.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * BLEU (Papineni et al., 2002): sentence-level and corpus-level, n-grams up to 4, uniform weights.
 *
 * <p>Definitions (tokens from {@link Tokens#of(String)}: lower-cased, split on anything that is not
 * a letter or digit):
 * <ul>
 *   <li><b>Modified (clipped) n-gram precision</b> p_n = &Sigma;_g min(count of g in the candidate,
 *       max over references of the count of g in that reference) / (n-grams in the candidate).</li>
 *   <li><b>Brevity penalty</b> BP = 1 if c &gt; r, else exp(1 &minus; r/c), where c is the
 *       candidate's length in tokens and r the effective reference length: the length of the
 *       reference closest to c (the shorter one on a tie), as in NLTK and the original BLEU script.</li>
 *   <li><b>BLEU</b> = BP &middot; exp(&Sigma;_{n=1..4} &frac14; log p_n), the geometric mean of
 *       p_1..p_4 times BP.</li>
 *   <li><b>Corpus BLEU</b>: numerators and denominators of each p_n, and c and r, are summed over
 *       all sentences first; the formula is applied once to the sums. This is not the mean of
 *       sentence BLEU scores.</li>
 * </ul>
 *
 * <p><b>Smoothing.</b> A single missing 4-gram match makes unsmoothed BLEU 0, which is usual for one
 * short sentence. {@link #sentence} therefore uses Chen &amp; Cherry (2014) "method 1": an order with
 * no matches gets {@link #EPSILON} = 0.1 matches instead of 0, i.e. p_n = 0.1 / (n-grams in the
 * candidate); orders with matches are unchanged. This is NLTK's {@code SmoothingFunction().method1}.
 * {@link #sentenceUnsmoothed} and {@link #corpus} apply no smoothing: they return 0 when any p_n is 0.
 *
 * <p>Conventions: an empty candidate scores 0 (c = 0 makes BP undefined). A candidate shorter than n
 * tokens has no n-grams; that order counts as 0 matches out of 1 (so unsmoothed BLEU is 0 and
 * smoothed p_n = 0.1 / 1), as NLTK does. At least one reference is required; a reference may be empty.
 * Unlike NLTK, smoothed BLEU is not forced to 0 when there is no unigram match at all: a candidate
 * with nothing in common with its references gets a small positive score (see the tests).
 */
public final class Bleu {

    /** The highest n-gram order used. */
    public static final int MAX_ORDER = 4;

    /** The count given to an order with no matches under smoothing (Chen &amp; Cherry 2014, method 1). */
    public static final double EPSILON = 0.1;

    private Bleu() {}

    /** Smoothed sentence BLEU of {@code candidate} against one reference. */
    public static double sentence(String candidate, String reference) {
        return sentence(candidate, List.of(reference));
    }

    /** Smoothed sentence BLEU of {@code candidate} against several references. */
    public static double sentence(String candidate, List<String> references) {
        return counts(candidate, references).smoothedBleu();
    }

    /** Unsmoothed sentence BLEU against one reference: 0 whenever some p_n is 0. */
    public static double sentenceUnsmoothed(String candidate, String reference) {
        return sentenceUnsmoothed(candidate, List.of(reference));
    }

    /** Unsmoothed sentence BLEU against several references: 0 whenever some p_n is 0. */
    public static double sentenceUnsmoothed(String candidate, List<String> references) {
        return counts(candidate, references).bleu();
    }

    /** Corpus BLEU (unsmoothed), one reference per candidate: {@code references.get(i)} is for {@code candidates.get(i)}. */
    public static double corpus(List<String> candidates, List<String> references) {
        Objects.requireNonNull(references, "references");
        List<List<String>> wrapped = new ArrayList<>();
        for (String r : references) {
            wrapped.add(List.of(r));
        }
        return corpusMultiReference(candidates, wrapped);
    }

    /** Corpus BLEU (unsmoothed), several references per candidate. */
    public static double corpusMultiReference(List<String> candidates, List<List<String>> references) {
        Objects.requireNonNull(candidates, "candidates");
        Objects.requireNonNull(references, "references");
        if (candidates.size() != references.size()) {
            throw new IllegalArgumentException("there must be one reference set per candidate; got "
                    + candidates.size() + " candidates and " + references.size() + " reference sets");
        }
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("corpus BLEU needs at least one candidate sentence");
        }
        Counts sum = null;
        for (int i = 0; i < candidates.size(); i++) {
            Counts c = counts(candidates.get(i), references.get(i));
            sum = sum == null ? c : sum.plus(c);
        }
        return sum.bleu();
    }

    /** The modified (clipped) n-gram precision p_n of one candidate; 0 when it has no n-grams. Any n &gt;= 1. */
    public static double modifiedPrecision(String candidate, List<String> references, int n) {
        List<String> cand = Tokens.of(candidate);
        List<List<String>> refs = tokenise(references);
        return PrecisionRecallF1.ratio(clippedMatches(cand, refs, n), NGrams.total(cand.size(), n));
    }

    /** BP = 1 if c &gt; r, else exp(1 &minus; r/c); 0 when c = 0. */
    public static double brevityPenalty(long candidateLength, long referenceLength) {
        if (candidateLength < 0 || referenceLength < 0) {
            throw new IllegalArgumentException("lengths must not be negative; got c=" + candidateLength + ", r=" + referenceLength);
        }
        if (candidateLength == 0) {
            return 0.0;
        }
        if (candidateLength > referenceLength) {
            return 1.0;
        }
        return Math.exp(1.0 - (double) referenceLength / candidateLength);
    }

    /** The BLEU statistics of one candidate against its references (tokenised with {@link Tokens}). */
    public static Counts counts(String candidate, List<String> references) {
        Objects.requireNonNull(candidate, "candidate");
        return counts(Tokens.of(candidate), tokenise(references));
    }

    /** The BLEU statistics of one tokenised candidate against its tokenised references. */
    public static Counts counts(List<String> candidateTokens, List<List<String>> referenceTokens) {
        Objects.requireNonNull(candidateTokens, "candidate tokens");
        Objects.requireNonNull(referenceTokens, "reference tokens");
        if (referenceTokens.isEmpty()) {
            throw new IllegalArgumentException("BLEU needs at least one reference");
        }
        long[] matches = new long[MAX_ORDER];
        long[] totals = new long[MAX_ORDER];
        for (int n = 1; n <= MAX_ORDER; n++) {
            matches[n - 1] = clippedMatches(candidateTokens, referenceTokens, n);
            totals[n - 1] = NGrams.total(candidateTokens.size(), n);
        }
        int c = candidateTokens.size();
        int r = referenceTokens.get(0).size();
        for (List<String> ref : referenceTokens) {
            int d = Math.abs(ref.size() - c);
            int best = Math.abs(r - c);
            if (d < best || (d == best && ref.size() < r)) {
                r = ref.size();
            }
        }
        return new Counts(matches, totals, c, r);
    }

    /**
     * The sufficient statistics of BLEU: for n = 1..4 the clipped matches and the candidate's n-gram
     * count, plus the candidate length c and effective reference length r. Sums of these over sentences
     * ({@link #plus}) give corpus BLEU.
     */
    public record Counts(long[] matches, long[] totals, long candidateLength, long referenceLength) {

        public Counts {
            if (matches.length != MAX_ORDER || totals.length != MAX_ORDER) {
                throw new IllegalArgumentException("matches and totals need " + MAX_ORDER + " entries each");
            }
            matches = matches.clone();
            totals = totals.clone();
            for (int i = 0; i < MAX_ORDER; i++) {
                if (matches[i] < 0 || matches[i] > totals[i]) {
                    throw new IllegalArgumentException("need 0 <= matches <= totals for every order; got "
                            + Arrays.toString(matches) + " and " + Arrays.toString(totals));
                }
            }
            if (candidateLength < 0 || referenceLength < 0) {
                throw new IllegalArgumentException("lengths must not be negative");
            }
        }

        @Override
        public long[] matches() {
            return matches.clone();
        }

        @Override
        public long[] totals() {
            return totals.clone();
        }

        /** The element-wise sum of two sets of statistics, for corpus BLEU. */
        public Counts plus(Counts other) {
            long[] m = new long[MAX_ORDER];
            long[] t = new long[MAX_ORDER];
            for (int i = 0; i < MAX_ORDER; i++) {
                m[i] = matches[i] + other.matches[i];
                t[i] = totals[i] + other.totals[i];
            }
            return new Counts(m, t, candidateLength + other.candidateLength, referenceLength + other.referenceLength);
        }

        /** p_n = matches / n-grams for n = 1..4, unsmoothed; 0 when there are no n-grams. */
        public double modifiedPrecision(int n) {
            checkOrder(n);
            return PrecisionRecallF1.ratio(matches[n - 1], totals[n - 1]);
        }

        /** The brevity penalty for these lengths. */
        public double brevityPenalty() {
            return Bleu.brevityPenalty(candidateLength, referenceLength);
        }

        /** Unsmoothed BLEU: 0 if the candidate is empty or any p_n is 0. */
        public double bleu() {
            if (candidateLength == 0) {
                return 0.0;
            }
            double logSum = 0;
            for (int i = 0; i < MAX_ORDER; i++) {
                if (matches[i] == 0) {
                    return 0.0;
                }
                logSum += Math.log((double) matches[i] / totals[i]);
            }
            return brevityPenalty() * Math.exp(logSum / MAX_ORDER);
        }

        /** BLEU with Chen &amp; Cherry method-1 smoothing: 0 matches become {@link #EPSILON}; 0 n-grams count as 1. */
        public double smoothedBleu() {
            if (candidateLength == 0) {
                return 0.0;
            }
            double logSum = 0;
            for (int i = 0; i < MAX_ORDER; i++) {
                double numerator = matches[i] == 0 ? EPSILON : matches[i];
                double denominator = Math.max(1, totals[i]);
                logSum += Math.log(numerator / denominator);
            }
            return brevityPenalty() * Math.exp(logSum / MAX_ORDER);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Counts c && Arrays.equals(matches, c.matches) && Arrays.equals(totals, c.totals)
                    && candidateLength == c.candidateLength && referenceLength == c.referenceLength;
        }

        @Override
        public int hashCode() {
            return Objects.hash(Arrays.hashCode(matches), Arrays.hashCode(totals), candidateLength, referenceLength);
        }

        @Override
        public String toString() {
            return "Counts[matches=" + Arrays.toString(matches) + ", totals=" + Arrays.toString(totals)
                    + ", c=" + candidateLength + ", r=" + referenceLength + "]";
        }

        private static void checkOrder(int n) {
            if (n < 1 || n > MAX_ORDER) {
                throw new IllegalArgumentException("n must be between 1 and " + MAX_ORDER + "; got " + n);
            }
        }
    }

    private static long clippedMatches(List<String> candidate, List<List<String>> references, int n) {
        Map<List<String>, Integer> maxRef = new HashMap<>();
        for (List<String> ref : references) {
            NGrams.count(ref, n).forEach((gram, count) -> maxRef.merge(gram, count, Math::max));
        }
        return NGrams.clippedOverlap(NGrams.count(candidate, n), maxRef);
    }

    private static List<List<String>> tokenise(List<String> references) {
        Objects.requireNonNull(references, "references");
        if (references.isEmpty()) {
            throw new IllegalArgumentException("BLEU needs at least one reference");
        }
        List<List<String>> out = new ArrayList<>();
        for (String r : references) {
            out.add(Tokens.of(Objects.requireNonNull(r, "a reference")));
        }
        return out;
    }
}
