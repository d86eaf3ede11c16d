package genai.metrics;

import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A percentile bootstrap confidence interval for the mean of per-item scores (B. Efron and
 * R. J. Tibshirani, 1993, <i>An Introduction to the Bootstrap</i>, chapter 13). Retrieval metrics are
 * means over questions: hit rate@k is the mean of a 0/1 hit per question, MRR@k the mean of a
 * reciprocal rank in {0, 1/k, ..., 1/2, 1}. The bootstrap resamples the questions with replacement,
 * recomputes the mean each time, and reports the 2.5th and 97.5th percentiles of those means.
 *
 * <p>Unlike {@link Proportion#wilson}, it needs no 0/1 data, so the same method serves hit rate and MRR.
 * On small sets (tens of questions) its intervals are a little too narrow; read them as a guide, and
 * do not read a difference into two intervals that overlap. Resampling is seeded, so a table is the same
 * on every run.
 *
 * @param mean the mean of the scores
 * @param low  lower bound of the interval
 * @param high upper bound of the interval
 */
public record Bootstrap(double mean, double low, double high) {

    /** Resamples used by {@link #interval95(double[])}. */
    public static final int DEFAULT_RESAMPLES = 2000;

    /** Seed used by {@link #interval95(double[])}: fixed so a notebook prints the same interval every run. */
    public static final long DEFAULT_SEED = 12;

    /** The 95 % percentile interval with {@link #DEFAULT_RESAMPLES} resamples and {@link #DEFAULT_SEED}. */
    public static Bootstrap interval95(double[] scores) {
        return interval(scores, 0.95, DEFAULT_RESAMPLES, DEFAULT_SEED);
    }

    /**
     * The percentile bootstrap interval of the mean of {@code scores}.
     *
     * @param scores    one score per item (at least one), any real values
     * @param level     coverage in (0, 1), for example 0.95
     * @param resamples number of resamples, at least 100
     * @param seed      seed of the resampling
     * @throws IllegalArgumentException on no scores, a level outside (0, 1) or fewer than 100 resamples
     */
    public static Bootstrap interval(double[] scores, double level, int resamples, long seed) {
        Objects.requireNonNull(scores, "scores");
        if (scores.length == 0) throw new IllegalArgumentException("there are no scores to bootstrap");
        if (!(level > 0 && level < 1)) throw new IllegalArgumentException("level must be in (0, 1); got " + level);
        if (resamples < 100) throw new IllegalArgumentException("use at least 100 resamples; got " + resamples);
        int n = scores.length;
        double sum = 0;
        for (double s : scores) sum += s;
        var random = new SplittableRandom(seed);
        double[] means = new double[resamples];
        for (int r = 0; r < resamples; r++) {
            double total = 0;
            for (int i = 0; i < n; i++) total += scores[random.nextInt(n)];
            means[r] = total / n;
        }
        Arrays.sort(means);
        double tail = (1 - level) / 2;
        return new Bootstrap(sum / n, quantile(means, tail), quantile(means, 1 - tail));
    }

    /** Linear interpolation between closest ranks of a sorted array, p in [0, 1]. */
    private static double quantile(double[] sorted, double p) {
        double position = p * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(sorted.length - 1, below + 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }

    /** "0.812 [0.743–0.876]" with {@code decimals} decimals, for tables. */
    public String format(int decimals) {
        String f = "%." + decimals + "f";
        return String.format(java.util.Locale.ROOT, f + " [" + f + "–" + f + "]", mean, low, high);
    }
}
