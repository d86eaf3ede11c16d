package genai.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * Supervised fine-tuning of the adapters attached to the upper blocks of a {@link Llama}, with the
 * lower blocks' outputs computed once and cached: the blocks below {@code firstTrained} are frozen and
 * carry no adapter, so their output for a training sequence never changes. Each step then runs only
 * blocks {@code firstTrained … layers − 1}, the final norm and the output layer, and back.
 *
 * <p>Loss: the mean cross-entropy (nats) of the answer tokens, each predicted from everything before
 * it ({@link Example}). Optimiser: {@link AdamW}, learning rate with a linear warm-up over the first
 * tenth of the steps and a linear decay to zero after it.
 */
public final class Trainer {

    /**
     * One point of the loss curve.
     *
     * @param step        optimiser steps so far
     * @param epoch       passes over the training set so far (fractional)
     * @param trainLoss   mean training loss of the batches since the previous point
     * @param heldOutLoss loss on the held-out examples (NaN if there are none)
     * @param seconds     training time so far (without the held-out evaluations)
     * @param tokens      tokens that went through the trained blocks so far
     */
    public record Point(int step, double epoch, double trainLoss, double heldOutLoss, double seconds, long tokens) {}

    private final Llama model;
    private final int firstTrained;
    private final List<Example> train;
    private final List<Example> heldOut;
    private final int pad;
    private float[][] trainCache;
    private float[][] heldOutCache;

    /**
     * @param model        the model, adapters attached only to blocks ≥ firstTrained
     * @param firstTrained the first block that runs in every step (0 trains through the whole model)
     * @param train        training examples
     * @param heldOut      held-out examples for the curve (may be empty)
     * @param pad          padding id
     * @throws IllegalArgumentException if an adapter sits below firstTrained (its cache would be stale)
     */
    public Trainer(Llama model, int firstTrained, List<Example> train, List<Example> heldOut, int pad) {
        for (String name : model.adapters().keySet()) {
            int layer = Integer.parseInt(name.split("\\.")[1]);
            if (layer < firstTrained) throw new IllegalArgumentException(name + " is below block " + firstTrained + ", whose inputs are cached");
        }
        this.model = model;
        this.firstTrained = firstTrained;
        this.train = List.copyOf(train);
        this.heldOut = List.copyOf(heldOut);
        this.pad = pad;
    }

    /**
     * Computes the frozen blocks' outputs for every example once; later trainers on the same model and
     * examples can share them with {@link #useCache}.
     *
     * @param batchSize sequences per pass
     * @param progress  called with examples done (train then held-out; may be null)
     * @return this trainer
     */
    public Trainer cache(int batchSize, IntConsumer progress) {
        trainCache = model.hidden(train.stream().map(Example::tokens).toList(), firstTrained, batchSize, progress);
        heldOutCache = model.hidden(heldOut.stream().map(Example::tokens).toList(), firstTrained, batchSize,
                progress == null ? null : n -> progress.accept(train.size() + n));
        return this;
    }

    /**
     * Shares another trainer's cache (same model, same firstTrained, same examples).
     *
     * @param other a trainer whose {@link #cache} ran
     * @return this trainer
     */
    public Trainer useCache(Trainer other) {
        if (other.firstTrained != firstTrained || other.train.size() != train.size() || other.heldOut.size() != heldOut.size()) {
            throw new IllegalArgumentException("the other trainer caches different blocks or examples");
        }
        trainCache = other.trainCache;
        heldOutCache = other.heldOutCache;
        return this;
    }

    /**
     * Trains the model's adapters.
     *
     * @param epochs     passes over the training set
     * @param batchSize  examples per step
     * @param lr         peak learning rate
     * @param seed       shuffle seed
     * @param pointEvery a curve point every this many steps (and at the end)
     * @param onPoint    called with each point as it is made (for a live chart; may be null)
     * @return the loss curve
     */
    public List<Point> fit(int epochs, int batchSize, float lr, long seed, int pointEvery, Consumer<Point> onPoint) {
        if (trainCache == null) cache(batchSize, null);
        Random random = new Random(seed);
        int perEpoch = (train.size() + batchSize - 1) / batchSize, total = perEpoch * epochs;
        int warmup = Math.max(1, total / 10);
        AdamW opt = new AdamW(model.trainable());
        List<Point> curve = new ArrayList<>();
        double seconds = 0, lossSum = 0;
        long tokens = 0;
        int lossCount = 0, step = 0;
        for (int e = 0; e < epochs; e++) {
            for (Batch b : Batch.epoch(train, batchSize, pad, random)) {
                long start = System.nanoTime();
                float rate = step < warmup ? lr * (step + 1) / warmup : lr * (total - step) / (float) (total - warmup);
                try (NDScope scope = new NDScope()) {
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        NDArray loss = loss(b, trainCache);
                        gc.backward(loss);
                        lossSum += loss.getFloat();
                    }
                    opt.step(rate);          // outside the collector: an in-place update must not be recorded
                }
                lossCount++;
                step++;
                for (int i : b.indices()) tokens += train.get(i).tokens().length;
                seconds += (System.nanoTime() - start) / 1e9;
                if (step % pointEvery == 0 || step == total) {
                    Point p = new Point(step, (double) step / perEpoch, lossSum / lossCount, heldOutLoss(batchSize), seconds, tokens);
                    curve.add(p);
                    if (onPoint != null) onPoint.accept(p);
                    lossSum = 0;
                    lossCount = 0;
                }
            }
        }
        return curve;
    }

    /**
     * The mean answer-token loss on the held-out examples, without a gradient.
     *
     * @param batchSize examples per pass
     * @return nats per answer token, NaN if there are no held-out examples
     */
    public double heldOutLoss(int batchSize) {
        if (heldOut.isEmpty()) return Double.NaN;
        double sum = 0;
        long n = 0;
        for (int from = 0; from < heldOut.size(); from += batchSize) {
            int[] idx = java.util.stream.IntStream.range(from, Math.min(heldOut.size(), from + batchSize)).toArray();
            Batch b = Batch.of(heldOut, idx, pad);
            try (NDScope scope = new NDScope()) {
                sum += loss(b, heldOutCache).getFloat() * b.targets().length;
            }
            n += b.targets().length;
        }
        return sum / n;
    }

    /**
     * The mean cross-entropy of a batch's answer tokens, running blocks firstTrained… from the cache.
     * Call inside an NDScope (and a GradientCollector to train).
     *
     * @param b     the batch
     * @param cache the cached states of the examples the batch indexes
     * @return a scalar NDArray, nats per answer token
     */
    public NDArray loss(Batch b, float[][] cache) {
        int d = model.config().dim(), t = b.tokens()[0].length, n = b.indices().length;
        float[] x = new float[n * t * d];           // padding positions stay zero; the mask keeps them out of real positions
        for (int i = 0; i < n; i++) System.arraycopy(cache[b.indices()[i]], 0, x, i * t * d, cache[b.indices()[i]].length);
        NDManager m = model.manager();
        NDArray h = model.blocks(m.create(x, new Shape(n, t, d)), firstTrained, model.config().layers());
        NDArray picked = h.reshape(n * t, d).get(new NDIndex("{}", m.create(b.positions())));       // [N, dim]
        NDArray logp = model.logits(picked).logSoftmax(-1);                                          // [N, vocab]
        NDArray targetLogp = logp.gather(m.create(b.targets()).reshape(-1, 1), 1);                  // [N, 1]
        return targetLogp.mean().neg();
    }

    /** @return the cached states of the training examples (after {@link #cache}). */
    public float[][] trainCache() {
        return trainCache;
    }
}
