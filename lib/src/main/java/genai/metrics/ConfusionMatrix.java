package genai.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * A confusion matrix: {@code counts()[i][j]} is the number of examples whose actual label is
 * {@code labels().get(i)} and whose predicted label is {@code labels().get(j)}. Rows are actual,
 * columns are predicted (the scikit-learn convention), so the diagonal holds the correct predictions.
 *
 * <p>Build one with {@link Classification#confusionMatrix(List, List)} or
 * {@link Classification#confusionMatrix(List, List, List)}. The record is immutable: the constructor
 * and {@link #counts()} copy the array, and {@code equals} compares contents.
 */
public record ConfusionMatrix(List<String> labels, int[][] counts) {

    public ConfusionMatrix {
        labels = List.copyOf(labels);
        if (labels.isEmpty()) {
            throw new IllegalArgumentException("a confusion matrix needs at least one label");
        }
        if (new HashSet<>(labels).size() != labels.size()) {
            throw new IllegalArgumentException("labels must not repeat; got " + labels);
        }
        Objects.requireNonNull(counts, "counts");
        if (counts.length != labels.size()) {
            throw new IllegalArgumentException("counts must have one row per label: " + labels.size() + " rows; got " + counts.length);
        }
        int[][] copy = new int[counts.length][];
        for (int i = 0; i < counts.length; i++) {
            if (counts[i].length != labels.size()) {
                throw new IllegalArgumentException("row " + i + " of counts must have " + labels.size() + " columns; got " + counts[i].length);
            }
            for (int c : counts[i]) {
                if (c < 0) {
                    throw new IllegalArgumentException("counts must not be negative; got " + c + " in row " + i);
                }
            }
            copy[i] = counts[i].clone();
        }
        counts = copy;
    }

    /** A copy of the counts, rows = actual, columns = predicted, in the order of {@link #labels()}. */
    @Override
    public int[][] counts() {
        int[][] copy = new int[counts.length][];
        for (int i = 0; i < counts.length; i++) {
            copy[i] = counts[i].clone();
        }
        return copy;
    }

    /** The number of examples with this actual and this predicted label. */
    public int count(String actual, String predicted) {
        return counts[indexOf(actual)][indexOf(predicted)];
    }

    /** The number of examples: the sum of all cells. */
    public int total() {
        int total = 0;
        for (int[] row : counts) {
            for (int c : row) {
                total += c;
            }
        }
        return total;
    }

    /** The number of correct predictions: the sum of the diagonal. */
    public int correct() {
        int correct = 0;
        for (int i = 0; i < counts.length; i++) {
            correct += counts[i][i];
        }
        return correct;
    }

    /** How many examples actually have this label: the sum of its row. */
    public int actualTotal(String label) {
        return Arrays.stream(counts[indexOf(label)]).sum();
    }

    /** How many examples were predicted as this label: the sum of its column. */
    public int predictedTotal(String label) {
        int j = indexOf(label);
        int sum = 0;
        for (int[] row : counts) {
            sum += row[j];
        }
        return sum;
    }

    private int indexOf(String label) {
        int i = labels.indexOf(Objects.requireNonNull(label, "label"));
        if (i < 0) {
            throw new IllegalArgumentException("'" + label + "' is not one of the matrix's labels " + labels);
        }
        return i;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConfusionMatrix m && labels.equals(m.labels) && Arrays.deepEquals(counts, m.counts);
    }

    @Override
    public int hashCode() {
        return 31 * labels.hashCode() + Arrays.deepHashCode(counts);
    }

    /** A plain-text table: a header of predicted labels, then one row per actual label. */
    @Override
    public String toString() {
        List<String> header = new ArrayList<>();
        header.add("actual \\ predicted");
        header.addAll(labels);
        int width = header.stream().mapToInt(String::length).max().orElse(1);
        for (int[] row : counts) {
            for (int c : row) {
                width = Math.max(width, Integer.toString(c).length());
            }
        }
        StringBuilder out = new StringBuilder();
        String cell = "%" + width + "s";
        for (String h : header) {
            out.append(String.format(cell, h)).append(' ');
        }
        for (int i = 0; i < counts.length; i++) {
            out.setLength(out.length() - 1);
            out.append('\n').append(String.format(cell, labels.get(i))).append(' ');
            for (int c : counts[i]) {
                out.append(String.format(cell, c)).append(' ');
            }
        }
        out.setLength(out.length() - 1);
        return out.toString();
    }
}
