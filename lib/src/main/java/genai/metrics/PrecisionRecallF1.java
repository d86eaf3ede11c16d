package genai.metrics;

/**
 * A precision, a recall and their F1, as returned by {@link Classification} and {@link Rouge}.
 *
 * <p>F1 is the harmonic mean {@code 2PR / (P + R)} (F-beta with beta = 1), and is 0 when
 * {@code P + R = 0}.
 */
public record PrecisionRecallF1(double precision, double recall, double f1) {

    public PrecisionRecallF1 {
        checkUnit("precision", precision);
        checkUnit("recall", recall);
        checkUnit("f1", f1);
    }

    /** The record for {@code precision} and {@code recall}, with F1 their harmonic mean (0 if both are 0). */
    public static PrecisionRecallF1 of(double precision, double recall) {
        return new PrecisionRecallF1(precision, recall, f1(precision, recall));
    }

    /** The harmonic mean {@code 2PR / (P + R)}, or 0 when {@code P + R = 0}. */
    public static double f1(double precision, double recall) {
        double sum = precision + recall;
        return sum == 0 ? 0.0 : 2 * precision * recall / sum;
    }

    /** {@code numerator / denominator}, or 0 when the denominator is 0: the zero-division convention used here. */
    static double ratio(long numerator, long denominator) {
        return denominator == 0 ? 0.0 : (double) numerator / denominator;
    }

    private static void checkUnit(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be between 0 and 1; got " + value);
        }
    }
}
