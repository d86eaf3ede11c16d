package genai.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The DJL model against a plain-Java reference, LoRA's no-op start, and autograd against finite differences, on a tiny random model. */
class LlamaTest {

    static final LlamaConfig TINY = new LlamaConfig(8, 2, 4, 2, 12, 17, 1e-5f, 10000);
    NDManager manager;
    Llama model;

    @BeforeEach
    void setUp() {
        manager = NDManager.newBaseManager("PyTorch");
        model = Llama.random(TINY, manager, 7, 0.3f);
    }

    @AfterEach
    void tearDown() {
        manager.close();
    }

    @Test
    void forwardEqualsAPlainJavaReference() {
        int[] tokens = {3, 1, 4, 1, 5, 9, 2, 6};
        float[] djl;
        try (NDScope s = new NDScope()) {
            djl = model.forward(new int[][] {tokens}).toFloatArray();
        }
        float[] ref = Reference.forward(model, tokens);
        assertEquals(ref.length, djl.length);
        for (int i = 0; i < ref.length; i++) assertEquals(ref[i], djl[i], 1e-4 * (1 + Math.abs(ref[i])), "logit " + i);
    }

    @Test
    void greedyWithTheKeyValueCacheEqualsArgmaxOfTheFullPass() {
        int[] prompt = {3, 1, 4, 1, 5};
        int[] reply = model.greedy(prompt, 6, java.util.Set.of());
        assertEquals(6, reply.length);
        int[] all = java.util.Arrays.copyOf(prompt, prompt.length + reply.length);
        System.arraycopy(reply, 0, all, prompt.length, reply.length);
        int[] argmax = model.argmaxes(List.of(all))[0];
        for (int i = 0; i < reply.length; i++) assertEquals(argmax[prompt.length - 1 + i], reply[i], "token " + i);
        int firstOfLast = 0;
        while (reply[firstOfLast] != reply[5]) firstOfLast++;
        int[] stopped = model.greedy(prompt, 6, java.util.Set.of(reply[5]));
        assertArrayEquals(java.util.Arrays.copyOf(reply, firstOfLast), stopped, "a stop id ends the reply and is not part of it");
    }

    @Test
    void paddingAfterASequenceDoesNotChangeIt() {
        float[] alone, padded;
        try (NDScope s = new NDScope()) {
            alone = model.forward(new int[][] {{3, 1, 4}}).toFloatArray();
            padded = model.forward(new int[][] {{3, 1, 4, 0, 0}}).get("0, :3").toFloatArray();
        }
        assertArrayEquals(alone, padded, 1e-5f);
    }

    @Test
    void aFreshLoraAdapterIsAnExactNoOp() {
        int[] tokens = {2, 7, 1, 8, 2, 8};
        float[] before, after;
        try (NDScope s = new NDScope()) {
            before = model.forward(new int[][] {tokens}).toFloatArray();
        }
        for (String p : Llama.PROJECTIONS) model.attach(1, p, 4, 8, 11);
        try (NDScope s = new NDScope()) {
            after = model.forward(new int[][] {tokens}).toFloatArray();
        }
        assertArrayEquals(before, after, 0f);                  // bit for bit: B = 0
        assertEquals(2 * Llama.PROJECTIONS.size(), model.trainable().size());
    }

    @Test
    void loraDeltaIsScaledBA() {
        Lora lora = new Lora(manager, 3, 2, 2, 4, 1);
        lora.b.set(new float[] {1, 2, 3, 4});
        float[] x = {0.5f, -1, 2};
        float[] a = lora.a.toFloatArray(), b = lora.b.toFloatArray();
        float[] expected = new float[2];
        for (int o = 0; o < 2; o++)
            for (int r = 0; r < 2; r++) {
                float ax = 0;
                for (int i = 0; i < 3; i++) ax += a[r * 3 + i] * x[i];
                expected[o] += 4f / 2 * b[o * 2 + r] * ax;
            }
        try (NDScope s = new NDScope()) {
            assertArrayEquals(expected, lora.delta(manager.create(x).reshape(1, 3)).toFloatArray(), 1e-5f);
        }
        assertEquals(2 * 3 + 2 * 2, lora.parameterCount());
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        List<Lora> adapters = List.of(model.attach(1, "attn_q", 2, 4, 3), model.attach(1, "ffn_down", 2, 4, 5));
        Random r = new Random(9);
        for (Lora l : adapters) {            // a non-zero B, so that A's gradient is not zero too
            float[] b = new float[(int) l.b.size()];
            for (int i = 0; i < b.length; i++) b[i] = (float) r.nextGaussian() * 0.5f;
            l.b.set(b);
        }
        List<Example> examples = List.of(new Example(new int[] {1, 2, 3, 4, 5}, 2), new Example(new int[] {6, 7, 8}, 1));
        Trainer trainer = new Trainer(model, 1, examples, List.of(), 0).cache(2, null);
        Batch batch = Batch.of(examples, new int[] {0, 1}, 0);
        float[][] analytic = new float[model.trainable().size()][];
        try (NDScope s = new NDScope(); GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            gc.backward(trainer.loss(batch, trainer.trainCache()));
            for (int i = 0; i < analytic.length; i++) analytic[i] = model.trainable().get(i).getGradient().toFloatArray();
        }
        double h = 1e-2;
        int checked = 0;
        for (int i = 0; i < analytic.length; i++) {
            NDArray p = model.trainable().get(i);
            float[] values = p.toFloatArray();
            for (int j = 0; j < values.length; j += 3) {
                float keep = values[j];
                values[j] = (float) (keep + h);
                p.set(values);
                double up = lossOf(trainer, batch);
                values[j] = (float) (keep - h);
                p.set(values);
                double down = lossOf(trainer, batch);
                values[j] = keep;
                p.set(values);
                double numeric = (up - down) / (2 * h);
                assertEquals(numeric, analytic[i][j], 2e-3 + 0.02 * Math.abs(numeric), "parameter " + i + " value " + j);
                checked++;
            }
        }
        assertTrue(checked > 20, "checked " + checked);
    }

    private static double lossOf(Trainer trainer, Batch batch) {
        try (NDScope s = new NDScope()) {
            return trainer.loss(batch, trainer.trainCache()).getFloat();
        }
    }

    @Test
    void trainingLowersTheLossAndKeepsTheBaseFrozen() {
        float[] wq = model.weight(1, "attn_q").toFloatArray();
        for (String p : List.of("attn_q", "attn_v", "ffn_up")) model.attach(1, p, 4, 8, 2);
        List<Example> examples = List.of(new Example(new int[] {1, 2, 3, 4}, 2), new Example(new int[] {5, 6, 7, 8}, 2),
                new Example(new int[] {9, 10, 11, 12}, 1), new Example(new int[] {13, 14, 15, 16}, 3));
        Trainer trainer = new Trainer(model, 1, examples, examples, 0).cache(4, null);
        double before = trainer.heldOutLoss(4);
        List<Trainer.Point> curve = trainer.fit(40, 4, 0.05f, 1, 10, null);
        assertEquals(4, curve.size());
        assertTrue(curve.get(3).heldOutLoss() < 0.5 * before, before + " -> " + curve.get(3).heldOutLoss());
        assertArrayEquals(wq, model.weight(1, "attn_q").toFloatArray(), 0f);
    }

    @Test
    void anAdapterBelowTheCachedBlocksIsRefused() {
        model.attach(0, "attn_q", 2, 2, 1);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new Trainer(model, 1, List.of(new Example(new int[] {1, 2}, 1)), List.of(), 0));
    }
}
