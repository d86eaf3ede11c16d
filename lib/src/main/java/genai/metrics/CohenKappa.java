package genai.metrics;

import java.util.List;
import java.util.Objects;

/**
 * Cohen's kappa: agreement between two raters who each put the same items into categories,
 * corrected for the agreement expected by chance.
 *
 * <p>Definition, for N items and categories k:
 * <ul>
 *   <li>observed agreement p_o = (items both raters put in the same category) / N;</li>
 *   <li>chance agreement p_e = &Sigma;_k (n_k1 / N) &middot; (n_k2 / N), where n_k1 and n_k2 are how
 *       many items rater 1 and rater 2 put in category k;</li>
 *   <li>kappa = (p_o &minus; p_e) / (1 &minus; p_e).</li>
 * </ul>
 * Kappa is 1 for perfect agreement, 0 for agreement no better than chance, and negative for less.
 * Unweighted: every disagreement counts the same, whatever the categories.
 *
 * <p>Zero denominator: when p_e = 1 (both raters used one and the same category for every item)
 * kappa is 0/0 and this class returns {@link Double#NaN}, as scikit-learn's
 * {@code cohen_kappa_score} does by default. Empty input, or lists of different lengths, throw
 * {@link IllegalArgumentException}.
 */
public final class CohenKappa {

    private CohenKappa() {}

    /** Kappa for two raters' labels of the same items, in the same order. */
    public static double kappa(List<String> rater1, List<String> rater2) {
        return kappa(agreementTable(rater1, rater2));
    }

    /**
     * Kappa from an agreement table: {@code counts()[i][j]} items put in category i by rater 1 and in
     * category j by rater 2 (a {@link ConfusionMatrix} with rater 1 as "actual").
     */
    public static double kappa(ConfusionMatrix table) {
        double po = observedAgreement(table);
        double pe = expectedAgreement(table);
        if (pe == 1.0) {
            return Double.NaN;
        }
        return (po - pe) / (1 - pe);
    }

    /** p_o: the fraction of items both raters put in the same category. */
    public static double observedAgreement(List<String> rater1, List<String> rater2) {
        return observedAgreement(agreementTable(rater1, rater2));
    }

    /** p_e: the agreement expected if each rater labelled at random with their own category frequencies. */
    public static double expectedAgreement(List<String> rater1, List<String> rater2) {
        return expectedAgreement(agreementTable(rater1, rater2));
    }

    static double observedAgreement(ConfusionMatrix table) {
        return (double) table.correct() / total(table);
    }

    static double expectedAgreement(ConfusionMatrix table) {
        double n = total(table);
        double pe = 0;
        for (String category : table.labels()) {
            pe += (table.actualTotal(category) / n) * (table.predictedTotal(category) / n);
        }
        return pe;
    }

    private static int total(ConfusionMatrix table) {
        int total = table.total();
        if (total == 0) {
            throw new IllegalArgumentException("the agreement table is empty: kappa needs at least one rated item");
        }
        return total;
    }

    private static ConfusionMatrix agreementTable(List<String> rater1, List<String> rater2) {
        Objects.requireNonNull(rater1, "rater1");
        Objects.requireNonNull(rater2, "rater2");
        if (rater1.size() != rater2.size()) {
            throw new IllegalArgumentException("the two raters must label the same items; got "
                    + rater1.size() + " and " + rater2.size() + " labels");
        }
        if (rater1.isEmpty()) {
            throw new IllegalArgumentException("kappa needs at least one rated item; both lists are empty");
        }
        return Classification.confusionMatrix(rater1, rater2);
    }
}
