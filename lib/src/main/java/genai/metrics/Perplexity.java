package genai.metrics;

import java.util.List;
import java.util.Objects;

/**
 * Perplexity of a language model on a text, from the log-probabilities it gave each token.
 *
 * <p>Definition: for natural-log token log-probabilities l_1..l_N (l_i = ln p_i),
 * perplexity = exp(&minus;(1/N) &Sigma; l_i), i.e. e raised to the mean negative log-likelihood
 * (the cross-entropy in nats). It equals the inverse geometric mean of the token probabilities:
 * a model that gives every token probability 1/k has perplexity k. Lower is better; the minimum is 1.
 *
 * <p>The base does not matter as long as it is used consistently: with log-probabilities in base b,
 * perplexity = b^(&minus;mean), which is the same number ({@link #fromLogProbs(List, double)}).
 *
 * <p>Input rules: the list must be non-empty (otherwise {@link IllegalArgumentException}, since the
 * mean of no tokens is undefined). Each log-probability must be &le; 0 (a probability of at most 1)
 * and not NaN, otherwise {@link IllegalArgumentException} naming the index. A log-probability of
 * &minus;&infin; (a token given probability 0) is allowed and makes the perplexity +&infin;.
 */
public final class Perplexity {

    private Perplexity() {}

    /** exp(&minus;mean(lnProbs)) for natural-log token log-probabilities (what most APIs return). */
    public static double fromLogProbs(List<Double> lnProbs) {
        check(lnProbs, "log-probability");
        return Math.exp(-mean(lnProbs));
    }

    /**
     * b^(&minus;mean(logProbs)) for log-probabilities in base {@code base} (for example 2 for bits);
     * the result is the same perplexity as {@link #fromLogProbs(List)} on the natural-log values.
     */
    public static double fromLogProbs(List<Double> logProbs, double base) {
        if (!(base > 1) || Double.isInfinite(base)) {
            throw new IllegalArgumentException("the logarithm base must be a finite number greater than 1; got " + base);
        }
        check(logProbs, "log-probability");
        return Math.pow(base, -mean(logProbs));
    }

    /** Perplexity from plain token probabilities in [0, 1]: exp(&minus;mean(ln p)). */
    public static double fromProbabilities(List<Double> probabilities) {
        Objects.requireNonNull(probabilities, "probabilities");
        if (probabilities.isEmpty()) {
            throw new IllegalArgumentException("perplexity needs at least one token probability; the list is empty");
        }
        double sum = 0;
        for (int i = 0; i < probabilities.size(); i++) {
            Double p = Objects.requireNonNull(probabilities.get(i), "probability at index " + i);
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("a probability must be between 0 and 1; got " + p + " at index " + i);
            }
            sum += Math.log(p);
        }
        return Math.exp(-sum / probabilities.size());
    }

    /** The mean negative log-likelihood in nats, &minus;mean(lnProbs): the log of the perplexity. */
    public static double crossEntropy(List<Double> lnProbs) {
        check(lnProbs, "log-probability");
        return -mean(lnProbs);
    }

    private static double mean(List<Double> values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.size();
    }

    private static void check(List<Double> logProbs, String what) {
        Objects.requireNonNull(logProbs, "logProbs");
        if (logProbs.isEmpty()) {
            throw new IllegalArgumentException("perplexity needs at least one token " + what + "; the list is empty");
        }
        for (int i = 0; i < logProbs.size(); i++) {
            Double l = Objects.requireNonNull(logProbs.get(i), what + " at index " + i);
            if (!(l <= 0)) {
                throw new IllegalArgumentException("a " + what + " must be <= 0 (a probability of at most 1); got "
                        + l + " at index " + i);
            }
        }
    }
}
