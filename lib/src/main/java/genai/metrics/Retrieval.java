package genai.metrics;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Ranking metrics for retrieval: hit rate at k and mean reciprocal rank (MRR).
 *
 * <p>Input: for each query, the ids it retrieved, best first ({@code retrievedPerQuery.get(q)}), and
 * either the one id that is relevant to it ({@code List<String>} overloads) or a set of relevant ids
 * ({@code ...ForSets} methods, where a hit is any relevant id). Ranks are 1-based.
 *
 * <p>Definitions, over Q queries:
 * <ul>
 *   <li><b>hit rate@k</b> = (queries with a relevant id among their first k retrieved ids) / Q. With a
 *       single relevant id per query this equals recall@k.</li>
 *   <li><b>MRR</b> = (1/Q) &Sigma;_q 1 / rank_q, where rank_q is the rank of the first relevant id in
 *       query q's list, and the term is 0 when no relevant id was retrieved.</li>
 *   <li><b>MRR@k</b>: the same, with the term 0 also when the first relevant id is ranked below k.</li>
 * </ul>
 *
 * <p>Conventions: k must be at least 1; a list shorter than k is simply read to its end. A query that
 * retrieved nothing counts as a miss. If an id repeats in a list, its first position counts. There must
 * be at least one query, the two lists must have the same length, and every relevant set must be
 * non-empty; otherwise {@link IllegalArgumentException}.
 */
public final class Retrieval {

    private Retrieval() {}

    /** Fraction of queries whose relevant id is among the first {@code k} retrieved ids. */
    public static double hitRateAtK(List<List<String>> retrievedPerQuery, List<String> relevantPerQuery, int k) {
        return hitRateAtKForSets(retrievedPerQuery, singletons(relevantPerQuery), k);
    }

    /** Fraction of queries with at least one of their relevant ids among the first {@code k} retrieved ids. */
    public static double hitRateAtKForSets(List<List<String>> retrievedPerQuery, List<Set<String>> relevantPerQuery, int k) {
        checkK(k);
        check(retrievedPerQuery, relevantPerQuery);
        int hits = 0;
        for (int q = 0; q < retrievedPerQuery.size(); q++) {
            int rank = firstRelevantRank(retrievedPerQuery.get(q), relevantPerQuery.get(q));
            if (rank > 0 && rank <= k) {
                hits++;
            }
        }
        return (double) hits / retrievedPerQuery.size();
    }

    /** Mean reciprocal rank of the relevant id over the whole retrieved lists (0 for a query that misses). */
    public static double mrr(List<List<String>> retrievedPerQuery, List<String> relevantPerQuery) {
        return mrrForSets(retrievedPerQuery, singletons(relevantPerQuery));
    }

    /** MRR counting only the first {@code k} retrieved ids of each query. */
    public static double mrrAtK(List<List<String>> retrievedPerQuery, List<String> relevantPerQuery, int k) {
        return mrrAtKForSets(retrievedPerQuery, singletons(relevantPerQuery), k);
    }

    /** MRR where a query's first hit is the first retrieved id in its relevant set. */
    public static double mrrForSets(List<List<String>> retrievedPerQuery, List<Set<String>> relevantPerQuery) {
        return meanReciprocalRank(retrievedPerQuery, relevantPerQuery, Integer.MAX_VALUE);
    }

    /** MRR@k with a relevant set per query. */
    public static double mrrAtKForSets(List<List<String>> retrievedPerQuery, List<Set<String>> relevantPerQuery, int k) {
        checkK(k);
        return meanReciprocalRank(retrievedPerQuery, relevantPerQuery, k);
    }

    /** The 1-based rank of the first retrieved id that is in {@code relevant}, or 0 if there is none. */
    public static int firstRelevantRank(List<String> retrieved, Set<String> relevant) {
        Objects.requireNonNull(retrieved, "retrieved");
        Objects.requireNonNull(relevant, "relevant");
        for (int i = 0; i < retrieved.size(); i++) {
            if (relevant.contains(Objects.requireNonNull(retrieved.get(i), "a retrieved id"))) {
                return i + 1;
            }
        }
        return 0;
    }

    /** The 1-based rank of {@code relevant} in {@code retrieved}, or 0 if it is absent. */
    public static int firstRelevantRank(List<String> retrieved, String relevant) {
        return firstRelevantRank(retrieved, Set.of(Objects.requireNonNull(relevant, "relevant")));
    }

    private static double meanReciprocalRank(List<List<String>> retrievedPerQuery, List<Set<String>> relevantPerQuery, int k) {
        check(retrievedPerQuery, relevantPerQuery);
        double sum = 0;
        for (int q = 0; q < retrievedPerQuery.size(); q++) {
            int rank = firstRelevantRank(retrievedPerQuery.get(q), relevantPerQuery.get(q));
            if (rank > 0 && rank <= k) {
                sum += 1.0 / rank;
            }
        }
        return sum / retrievedPerQuery.size();
    }

    private static List<Set<String>> singletons(List<String> relevantPerQuery) {
        Objects.requireNonNull(relevantPerQuery, "relevantPerQuery");
        return relevantPerQuery.stream()
                .map(id -> Set.of(Objects.requireNonNull(id, "a relevant id")))
                .toList();
    }

    private static void checkK(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1; got " + k);
        }
    }

    private static void check(List<List<String>> retrievedPerQuery, List<Set<String>> relevantPerQuery) {
        Objects.requireNonNull(retrievedPerQuery, "retrievedPerQuery");
        Objects.requireNonNull(relevantPerQuery, "relevantPerQuery");
        if (retrievedPerQuery.size() != relevantPerQuery.size()) {
            throw new IllegalArgumentException("there must be one relevant entry per query; got "
                    + retrievedPerQuery.size() + " retrieved lists and " + relevantPerQuery.size() + " relevant entries");
        }
        if (retrievedPerQuery.isEmpty()) {
            throw new IllegalArgumentException("there are no queries");
        }
        for (int q = 0; q < relevantPerQuery.size(); q++) {
            Set<String> relevant = Objects.requireNonNull(relevantPerQuery.get(q), "relevant ids of query " + q);
            if (relevant.isEmpty()) {
                throw new IllegalArgumentException("query " + q + " has no relevant id: hit rate and MRR need at least one");
            }
        }
    }
}
