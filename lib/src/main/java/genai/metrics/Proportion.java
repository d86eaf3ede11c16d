package genai.metrics;

/**
 * A confidence interval for a proportion (an accuracy measured on n items), by Wilson's score method
 * (E. B. Wilson, 1927, "Probable inference, the law of succession, and statistical inference",
 * Journal of the American Statistical Association 22(158):209–212). Unlike the normal approximation
 * p ± z·sqrt(p(1-p)/n), it stays inside [0, 1] and does not collapse to a point at 0/n or n/n, which
 * matters for the course's small sets.
 *
 * @param successes items right
 * @param n         items in all
 * @param low       lower bound, in [0, 1]
 * @param high      upper bound, in [0, 1]
 */
public record Proportion(int successes, int n, double low, double high) {

    /** z for a two-sided 95 % interval. */
    public static final double Z95 = 1.959963984540054;

    /** The observed proportion successes / n (0 if n is 0). */
    public double value() {
        return n == 0 ? 0 : (double) successes / n;
    }

    /**
     * The 95 % Wilson score interval.
     *
     * @throws IllegalArgumentException if n &lt; 1 or successes is outside 0..n
     */
    public static Proportion wilson(int successes, int n) {
        return wilson(successes, n, Z95);
    }

    /**
     * The Wilson score interval for a given z (1.96 for 95 %).
     *
     * @throws IllegalArgumentException if n &lt; 1 or successes is outside 0..n
     */
    public static Proportion wilson(int successes, int n, double z) {
        if (n < 1 || successes < 0 || successes > n) throw new IllegalArgumentException("Need 0 <= successes <= n and n >= 1, got " + successes + "/" + n);
        double p = (double) successes / n, z2 = z * z;
        double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        double half = z / (1 + z2 / n) * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        return new Proportion(successes, n, Math.max(0, centre - half), Math.min(1, centre + half));
    }
}
