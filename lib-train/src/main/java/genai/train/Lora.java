package genai.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * A LoRA adapter for one frozen linear layer {@code y = W x} (Hu et al. 2021, "LoRA: Low-Rank
 * Adaptation of Large Language Models", arXiv:2106.09685): the layer becomes
 * {@code y = W x + (alpha / r) · B (A x)} with {@code A} of shape [r, in] and {@code B} of shape
 * [out, r]. Only A and B are trained: {@code r · (in + out)} numbers instead of {@code in · out}.
 * {@code B} starts at zero, so before the first step the adapted layer is exactly the frozen one;
 * {@code A} starts uniform in ±1/√in (PyTorch's default for a linear layer, as the PEFT library does).
 *
 * <p>The shapes are those llama.cpp's adapter format stores: {@code A} is the tensor
 * {@code <weight>.lora_a} (ggml dims [in, r]) and {@code B} is {@code <weight>.lora_b} (dims [r, out]).
 */
public final class Lora {

    public final NDArray a;          // [r, in]
    public final NDArray b;          // [out, r]
    public final int rank;
    public final float alpha;

    /**
     * @param manager owns the two matrices
     * @param in      input width of the frozen layer
     * @param out     output width
     * @param rank    r ≥ 1
     * @param alpha   scale numerator; the update is multiplied by alpha / r
     * @param seed    seed of A's random start
     */
    public Lora(NDManager manager, int in, int out, int rank, float alpha, long seed) {
        if (rank < 1) throw new IllegalArgumentException("rank must be at least 1: " + rank);
        this.rank = rank;
        this.alpha = alpha;
        java.util.Random random = new java.util.Random(seed);
        float[] init = new float[rank * in];
        double bound = 1 / Math.sqrt(in);
        for (int i = 0; i < init.length; i++) init[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
        this.a = manager.create(init, new Shape(rank, in));
        this.b = manager.zeros(new Shape(out, rank));
        a.setRequiresGradient(true);
        b.setRequiresGradient(true);
    }

    /**
     * The low-rank update for inputs {@code x}: {@code (alpha / r) · x Aᵀ Bᵀ}.
     *
     * @param x [..., in]
     * @return [..., out], to be added to the frozen layer's output
     */
    public NDArray delta(NDArray x) {
        return x.matMul(a.transpose()).matMul(b.transpose()).mul(alpha / rank);
    }

    /** @return the number of trainable values, r · (in + out). */
    public long parameterCount() {
        return a.size() + b.size();
    }
}
