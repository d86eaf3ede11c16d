package genai.graph;

import genai.metrics.PrecisionRecallF1;
import genai.metrics.Proportion;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Scores extracted triples against the ground truth, per relation type: precision = correct / extracted,
 * recall = correct / true facts, F1 their harmonic mean (van Rijsbergen, 1979), with 95 % Wilson score intervals for
 * precision and recall ({@link Proportion#wilson}). A triple counts as correct when subject, relation and object match
 * the ground truth after {@link #normalise}: exact matching would count "Tiramisu" against "Tiramisù" as wrong, which
 * measures typing, not extraction. Duplicates count once.
 */
public final class TripleScores {

    private TripleScores() {}

    /**
     * The score of one relation type (or "all").
     *
     * @param precision null when nothing of this type was extracted (precision is undefined)
     * @param recall    null when the ground truth has no fact of this type
     * @param f1        in [0, 1]; 0 when either side is empty
     */
    public record Row(String relation, int correct, int extracted, int truth, Proportion precision, Proportion recall, double f1) {}

    /**
     * Lower case, accents removed (Unicode NFD, marks dropped), punctuation to spaces, whitespace collapsed; a number
     * with an optional euro sign becomes two decimals ("€13.5" and "13.50" are both "13.50"); a trailing plural "s"
     * of a day name goes ("Mondays" is "monday").
     */
    public static String normalise(String text) {
        if (text == null) return "";
        String s = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT).strip();
        String number = s.replace("€", "").replace("eur", "").strip();
        if (number.matches("[0-9]+([.,][0-9]+)?")) return String.format(Locale.ROOT, "%.2f", Double.parseDouble(number.replace(',', '.')));
        s = s.replaceAll("[^a-z0-9]+", " ").strip().replaceAll(" +", " ");
        if (s.matches("(monday|tuesday|wednesday|thursday|friday|saturday|sunday)s")) s = s.substring(0, s.length() - 1);
        return s;
    }

    /** The key two triples must share to match: normalised subject, upper-case relation, normalised object. */
    public static String key(MenuGraph.Triple t) {
        return normalise(t.subject()) + "|" + t.relation().strip().toUpperCase(Locale.ROOT).replace(' ', '_') + "|" + normalise(t.object());
    }

    /**
     * One row per relation type in the given order, then "all" over those types.
     *
     * @param extracted triples a model wrote (any relation names; those not in {@code relations} count only in no row)
     * @param truth     the ground truth restricted to the facts the model was shown
     * @param relations the relation types to report, e.g. {@link MenuGraph#RELATIONS}
     */
    public static List<Row> score(Collection<MenuGraph.Triple> extracted, Collection<MenuGraph.Triple> truth, List<String> relations) {
        List<Row> rows = new ArrayList<>();
        int allCorrect = 0, allExtracted = 0, allTruth = 0;
        for (String relation : relations) {
            Set<String> e = keys(extracted, relation), t = keys(truth, relation);
            int correct = (int) e.stream().filter(t::contains).count();
            rows.add(row(relation, correct, e.size(), t.size()));
            allCorrect += correct;
            allExtracted += e.size();
            allTruth += t.size();
        }
        rows.add(row("all", allCorrect, allExtracted, allTruth));
        return rows;
    }

    private static Set<String> keys(Collection<MenuGraph.Triple> triples, String relation) {
        Set<String> out = new LinkedHashSet<>();
        for (MenuGraph.Triple t : triples) {
            if (t.relation().strip().toUpperCase(Locale.ROOT).replace(' ', '_').equals(relation)) out.add(key(t));
        }
        return out;
    }

    private static Row row(String relation, int correct, int extracted, int truth) {
        Proportion p = extracted == 0 ? null : Proportion.wilson(correct, extracted);
        Proportion r = truth == 0 ? null : Proportion.wilson(correct, truth);
        double f1 = p == null || r == null ? 0 : PrecisionRecallF1.f1(p.value(), r.value());
        return new Row(relation, correct, extracted, truth, p, r, f1);
    }
}
