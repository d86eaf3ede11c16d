package genai.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AdamWAndBatchTest {

    @Test
    void adamWStepsEqualTheFormulaByHand() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            NDArray p = m.create(new float[] {1f, -2f});
            p.setRequiresGradient(true);
            AdamW opt = new AdamW(List.of(p), 0.9f, 0.999f, 1e-8f, 0.1f);
            double[] w = {1, -2}, mm = new double[2], vv = new double[2];
            double[][] grads = {{0.5, -1}, {0.2, 0.3}};
            for (int t = 1; t <= 2; t++) {
                try (ai.djl.training.GradientCollector gc = ai.djl.engine.Engine.getInstance().newGradientCollector()) {
                    gc.backward(p.mul(m.create(new float[] {(float) grads[t - 1][0], (float) grads[t - 1][1]})).sum());   // gradient = grads
                }
                opt.step(0.01f);
                for (int i = 0; i < 2; i++) {
                    double g = grads[t - 1][i];
                    mm[i] = 0.9 * mm[i] + 0.1 * g;
                    vv[i] = 0.999 * vv[i] + 0.001 * g * g;
                    double mh = mm[i] / (1 - Math.pow(0.9, t)), vh = vv[i] / (1 - Math.pow(0.999, t));
                    w[i] -= 0.01 * (mh / (Math.sqrt(vh) + 1e-8) + 0.1 * w[i]);
                }
            }
            assertArrayEquals(new float[] {(float) w[0], (float) w[1]}, p.toFloatArray(), 1e-6f);
            assertEquals(2, opt.steps());
        }
    }

    @Test
    void aBatchPadsAndListsOnlyAnswerTargets() {
        List<Example> ex = List.of(new Example(new int[] {5, 6, 7}, 2), new Example(new int[] {1, 2, 3, 4, 9}, 3));
        Batch b = Batch.of(ex, new int[] {1, 0}, 0);
        assertArrayEquals(new int[] {1, 2, 3, 4, 9}, b.tokens()[0]);
        assertArrayEquals(new int[] {5, 6, 7, 0, 0}, b.tokens()[1]);
        // example 1: positions 2 and 3 predict 4 and 9; example 0 (row 1, T = 5): position 1 predicts 7
        assertArrayEquals(new long[] {2, 3, 5 + 1}, b.positions());
        assertArrayEquals(new long[] {4, 9, 7}, b.targets());
    }

    @Test
    void anEpochUsesEveryExampleOnce() {
        List<Example> ex = new ArrayList<>();
        for (int i = 0; i < 10; i++) ex.add(new Example(new int[] {i, i + 1}, 1));
        List<Batch> batches = Batch.epoch(ex, 4, 0, new Random(3));
        assertEquals(3, batches.size());
        assertEquals(List.of(2, 4, 4), batches.stream().map(b -> b.indices().length).sorted().toList());
        assertEquals(45, batches.stream().flatMapToInt(b -> java.util.Arrays.stream(b.indices())).sum());
    }

    @Test
    void anExampleNeedsAPromptAndAnAnswer() {
        assertThrows(IllegalArgumentException.class, () -> new Example(new int[] {1, 2}, 2));
        assertThrows(IllegalArgumentException.class, () -> new Example(new int[] {1, 2}, 0));
    }
}
