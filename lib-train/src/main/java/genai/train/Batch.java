package genai.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Examples padded into one rectangle. Sequences are right-padded with token {@code pad}; with the
 * causal mask a real token never attends to the padding after it. {@code targets} lists, for every
 * answer token, the position that predicts it and its id.
 *
 * @param indices   which examples of the source list, in batch order
 * @param tokens    [B][T] ids, T = the longest example
 * @param positions for each target, its flat index {@code b · T + t} where t is the position that predicts it
 * @param targets   the target ids, same length as {@code positions}
 */
public record Batch(int[] indices, int[][] tokens, long[] positions, long[] targets) {

    /**
     * Pads some examples into a batch.
     *
     * @param examples all examples
     * @param indices  which of them, in order
     * @param pad      the id used for padding (never a target)
     * @return the batch
     */
    public static Batch of(List<Example> examples, int[] indices, int pad) {
        int t = 0;
        for (int i : indices) t = Math.max(t, examples.get(i).tokens().length);
        int[][] tokens = new int[indices.length][t];
        List<long[]> pairs = new ArrayList<>();
        for (int b = 0; b < indices.length; b++) {
            Example e = examples.get(indices[b]);
            java.util.Arrays.fill(tokens[b], pad);
            System.arraycopy(e.tokens(), 0, tokens[b], 0, e.tokens().length);
            for (int p = e.promptLength(); p < e.tokens().length; p++) pairs.add(new long[] {(long) b * t + p - 1, e.tokens()[p]});
        }
        return new Batch(indices.clone(), tokens, pairs.stream().mapToLong(x -> x[0]).toArray(), pairs.stream().mapToLong(x -> x[1]).toArray());
    }

    /**
     * Cuts a shuffled pass over the examples (one epoch) into batches.
     *
     * @param examples  all examples
     * @param batchSize examples per batch (the last batch may be smaller)
     * @param pad       padding id
     * @param random    the shuffle (seed it for a repeatable run)
     * @return the batches of one epoch; every example appears exactly once
     */
    public static List<Batch> epoch(List<Example> examples, int batchSize, int pad, Random random) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < examples.size(); i++) order.add(i);
        Collections.shuffle(order, random);
        // Within each window of 8 batches, sort by length: batches of similar lengths waste little on padding.
        int window = 8 * batchSize;
        for (int from = 0; from < order.size(); from += window) {
            order.subList(from, Math.min(order.size(), from + window)).sort(java.util.Comparator.comparingInt(i -> examples.get(i).tokens().length));
        }
        List<Batch> out = new ArrayList<>();
        for (int from = 0; from < order.size(); from += batchSize) {
            int[] idx = order.subList(from, Math.min(order.size(), from + batchSize)).stream().mapToInt(Integer::intValue).toArray();
            out.add(of(examples, idx, pad));
        }
        Collections.shuffle(out, random);
        return out;
    }
}
