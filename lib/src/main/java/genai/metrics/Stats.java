package genai.metrics;

import java.util.Arrays;
import java.util.Collection;

/**
 * The few summary statistics and timings the lessons print: medians of repeated measurements and
 * percentiles of latencies.
 */
public final class Stats {

    private Stats() {}

    /**
     * The median: the middle value of the sorted values, or the mean of the two middle ones when
     * their number is even.
     *
     * @throws IllegalArgumentException for no values
     */
    public static double median(double... values) {
        return percentile(values, 50);
    }

    /** The median of a collection of numbers (see {@link #median(double...)}). */
    public static double median(Collection<? extends Number> values) {
        return median(values.stream().mapToDouble(Number::doubleValue).toArray());
    }

    /**
     * The p-th percentile by linear interpolation between closest ranks (the "linear" method, type 7
     * in Hyndman and Fan 1996, numpy's default): rank {@code (n-1)·p/100} of the sorted values.
     *
     * @param p the percentile, 0 to 100 (50 is the median, 95 the p95 latency)
     * @throws IllegalArgumentException for no values or p outside 0..100
     */
    public static double percentile(double[] values, double p) {
        if (values.length == 0) {
            throw new IllegalArgumentException("a percentile of no values is undefined");
        }
        if (p < 0 || p > 100 || Double.isNaN(p)) {
            throw new IllegalArgumentException("p must be in 0..100, got " + p);
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double rank = (sorted.length - 1) * p / 100.0;
        int low = (int) Math.floor(rank);
        int high = (int) Math.ceil(rank);
        return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
    }

    /**
     * Runs {@code step} {@code runs} times and returns the median wall-clock time of one run, in
     * milliseconds. One extra, unmeasured run goes first so class loading and caches do not count.
     *
     * @throws IllegalArgumentException if runs is below 1
     */
    public static double medianMillis(int runs, Runnable step) {
        if (runs < 1) {
            throw new IllegalArgumentException("runs must be at least 1, got " + runs);
        }
        step.run();
        double[] millis = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            step.run();
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        return median(millis);
    }

    /** Seconds elapsed since {@code startNanos}, a value of {@link System#nanoTime()}. */
    public static double secondsSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
