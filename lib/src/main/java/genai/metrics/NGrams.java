package genai.metrics;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** N-gram counting shared by {@link Rouge} and {@link Bleu}. */
final class NGrams {

    private NGrams() {}

    /** How many times each contiguous n-gram occurs in {@code tokens}; empty when there are fewer than n tokens. */
    static Map<List<String>, Integer> count(List<String> tokens, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("the n-gram order must be at least 1; got " + n);
        }
        Map<List<String>, Integer> counts = new HashMap<>();
        for (int i = 0; i + n <= tokens.size(); i++) {
            counts.merge(List.copyOf(tokens.subList(i, i + n)), 1, Integer::sum);
        }
        return counts;
    }

    /** The number of n-grams in a list of {@code length} tokens: {@code max(0, length - n + 1)}. */
    static int total(int length, int n) {
        return Math.max(0, length - n + 1);
    }

    /**
     * Clipped overlap: the sum over the candidate's n-grams of {@code min(candidate count, limit)},
     * where the limit is the n-gram's count in {@code limits} (0 when absent).
     */
    static int clippedOverlap(Map<List<String>, Integer> candidate, Map<List<String>, Integer> limits) {
        int overlap = 0;
        for (Map.Entry<List<String>, Integer> e : candidate.entrySet()) {
            overlap += Math.min(e.getValue(), limits.getOrDefault(e.getKey(), 0));
        }
        return overlap;
    }
}
