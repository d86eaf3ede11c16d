package genai.metrics;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Single-label classification metrics over parallel lists of actual and predicted labels.
 *
 * <p>Definitions, for one label L (one-vs-rest):
 * <ul>
 *   <li>TP = examples with actual L and predicted L; FP = predicted L but actually another label;
 *       FN = actually L but predicted another label.</li>
 *   <li>accuracy = (examples with predicted = actual) / (all examples).</li>
 *   <li>precision(L) = TP / (TP + FP); recall(L) = TP / (TP + FN);
 *       F1(L) = 2 &middot; precision &middot; recall / (precision + recall).</li>
 *   <li>macro precision, recall and F1 = the unweighted mean over the labels of the per-label
 *       values. Macro F1 is the mean of the per-label F1 scores (as scikit-learn computes it), not the
 *       F1 of macro precision and macro recall.</li>
 * </ul>
 *
 * <p>Conventions:
 * <ul>
 *   <li>Zero denominators give 0: precision is 0 for a label that is never predicted, recall is 0
 *       for a label that never actually occurs, F1 is 0 when precision + recall = 0. (This is
 *       scikit-learn's result with {@code zero_division=0}, and what its default gives, with a warning.)</li>
 *   <li>Default label order: the sorted union of the labels that occur in either list (the
 *       natural order of {@link String}), as in scikit-learn.</li>
 *   <li>An explicit label list for {@link #perClass(List, List, List)} and the macro averages may
 *       be any non-empty list of distinct labels: those are the labels reported and averaged over.
 *       A listed label that never occurs counts with P = R = F1 = 0 and so pulls the macro average
 *       down; an unlisted label that occurs is not averaged over but its examples still count as
 *       errors for the listed labels. A confusion matrix, by contrast, must list every label that
 *       occurs, so that no example silently drops out of it.</li>
 *   <li>{@code actual} and {@code predicted} must be non-empty and of the same length; every
 *       method throws {@link IllegalArgumentException} otherwise.</li>
 * </ul>
 */
public final class Classification {

    private Classification() {}

    /** The fraction of examples whose predicted label equals the actual label. */
    public static double accuracy(List<String> actual, List<String> predicted) {
        check(actual, predicted);
        int correct = 0;
        for (int i = 0; i < actual.size(); i++) {
            if (actual.get(i).equals(predicted.get(i))) {
                correct++;
            }
        }
        return (double) correct / actual.size();
    }

    /** TP / (TP + FP) for {@code label}; 0 when the label is never predicted. */
    public static double precision(List<String> actual, List<String> predicted, String label) {
        return scores(actual, predicted, label).precision();
    }

    /** TP / (TP + FN) for {@code label}; 0 when the label never actually occurs. */
    public static double recall(List<String> actual, List<String> predicted, String label) {
        return scores(actual, predicted, label).recall();
    }

    /** The harmonic mean of {@link #precision} and {@link #recall} for {@code label}; 0 when both are 0. */
    public static double f1(List<String> actual, List<String> predicted, String label) {
        return scores(actual, predicted, label).f1();
    }

    /** Precision, recall and F1 for one label, treating it as positive and every other label as negative. */
    public static PrecisionRecallF1 scores(List<String> actual, List<String> predicted, String label) {
        check(actual, predicted);
        Objects.requireNonNull(label, "label");
        int tp = 0;
        int fp = 0;
        int fn = 0;
        for (int i = 0; i < actual.size(); i++) {
            boolean isActual = actual.get(i).equals(label);
            boolean isPredicted = predicted.get(i).equals(label);
            if (isActual && isPredicted) {
                tp++;
            } else if (isPredicted) {
                fp++;
            } else if (isActual) {
                fn++;
            }
        }
        return PrecisionRecallF1.of(PrecisionRecallF1.ratio(tp, tp + fp), PrecisionRecallF1.ratio(tp, tp + fn));
    }

    /** Per-label scores for the default labels (sorted union), in that order. */
    public static Map<String, PrecisionRecallF1> perClass(List<String> actual, List<String> predicted) {
        check(actual, predicted);
        return perClass(actual, predicted, labels(actual, predicted));
    }

    /** Per-label scores for {@code labels}, in that order (an insertion-ordered map). */
    public static Map<String, PrecisionRecallF1> perClass(List<String> actual, List<String> predicted, List<String> labels) {
        check(actual, predicted);
        checkLabels(labels);
        Map<String, PrecisionRecallF1> out = new LinkedHashMap<>();
        for (String label : labels) {
            out.put(label, scores(actual, predicted, label));
        }
        return out;
    }

    /**
     * Macro-averaged precision, recall and F1 over the default labels (sorted union of both lists).
     * The {@code f1} component is the mean of per-label F1 scores.
     */
    public static PrecisionRecallF1 macro(List<String> actual, List<String> predicted) {
        check(actual, predicted);
        return macro(actual, predicted, labels(actual, predicted));
    }

    /** Macro-averaged precision, recall and F1 over {@code labels}; see the class comment. */
    public static PrecisionRecallF1 macro(List<String> actual, List<String> predicted, List<String> labels) {
        Map<String, PrecisionRecallF1> each = perClass(actual, predicted, labels);
        double p = 0;
        double r = 0;
        double f = 0;
        for (PrecisionRecallF1 s : each.values()) {
            p += s.precision();
            r += s.recall();
            f += s.f1();
        }
        int n = each.size();
        return new PrecisionRecallF1(p / n, r / n, f / n);
    }

    /** Macro-averaged precision over the default labels. */
    public static double macroPrecision(List<String> actual, List<String> predicted) {
        return macro(actual, predicted).precision();
    }

    /** Macro-averaged recall over the default labels. */
    public static double macroRecall(List<String> actual, List<String> predicted) {
        return macro(actual, predicted).recall();
    }

    /** Macro-averaged F1 (mean of per-label F1) over the default labels. */
    public static double macroF1(List<String> actual, List<String> predicted) {
        return macro(actual, predicted).f1();
    }

    /** The confusion matrix with the default label order (sorted union of both lists). */
    public static ConfusionMatrix confusionMatrix(List<String> actual, List<String> predicted) {
        check(actual, predicted);
        return confusionMatrix(actual, predicted, labels(actual, predicted));
    }

    /**
     * The confusion matrix with rows and columns in the order of {@code labels} (rows = actual,
     * columns = predicted). {@code labels} must contain every label that occurs in either list; it
     * may contain labels that never occur (their row and column are zero).
     */
    public static ConfusionMatrix confusionMatrix(List<String> actual, List<String> predicted, List<String> labels) {
        check(actual, predicted);
        checkLabels(labels);
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < labels.size(); i++) {
            index.put(labels.get(i), i);
        }
        int[][] counts = new int[labels.size()][labels.size()];
        for (int k = 0; k < actual.size(); k++) {
            counts[indexIn(index, actual.get(k), labels)][indexIn(index, predicted.get(k), labels)]++;
        }
        return new ConfusionMatrix(labels, counts);
    }

    /** The default label order: the sorted union of the labels in both lists. */
    public static List<String> labels(List<String> actual, List<String> predicted) {
        TreeSet<String> all = new TreeSet<>(actual);
        all.addAll(predicted);
        return List.copyOf(all);
    }

    private static int indexIn(Map<String, Integer> index, String label, List<String> labels) {
        Integer i = index.get(label);
        if (i == null) {
            throw new IllegalArgumentException("label '" + label + "' occurs in the data but is not in the label order " + labels);
        }
        return i;
    }

    static void check(List<String> actual, List<String> predicted) {
        Objects.requireNonNull(actual, "actual");
        Objects.requireNonNull(predicted, "predicted");
        if (actual.size() != predicted.size()) {
            throw new IllegalArgumentException("actual and predicted must have the same length; got "
                    + actual.size() + " and " + predicted.size());
        }
        if (actual.isEmpty()) {
            throw new IllegalArgumentException("there are no examples: actual and predicted are empty");
        }
        for (int i = 0; i < actual.size(); i++) {
            Objects.requireNonNull(actual.get(i), "actual label at index " + i);
            Objects.requireNonNull(predicted.get(i), "predicted label at index " + i);
        }
    }

    private static void checkLabels(List<String> labels) {
        Objects.requireNonNull(labels, "labels");
        if (labels.isEmpty()) {
            throw new IllegalArgumentException("the label list is empty");
        }
        for (String l : labels) {
            Objects.requireNonNull(l, "a label in the label list");
        }
        if (new HashSet<>(labels).size() != labels.size()) {
            throw new IllegalArgumentException("the label list repeats a label: " + labels);
        }
    }
}
