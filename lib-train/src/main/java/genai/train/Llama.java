package genai.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import genai.gguf.GgufFile;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A LLaMA-style decoder in DJL NDArrays, so that libtorch's autograd can train adapters on it:
 * token embedding, then per block RMSNorm → Q/K/V with rotary positions → grouped-query causal
 * attention → output projection (+ residual) → RMSNorm → SwiGLU feed-forward (+ residual), then a final
 * RMSNorm and the output layer, which is the token embedding again (tied embeddings). The same maths as
 * lesson 10's plain-Java forward pass, on whole batches of sequences at once.
 *
 * <p>Sources: RMSNorm (Zhang &amp; Sennrich 2019), rotary position embeddings (Su et al. 2021; the GGUF
 * converter orders Q and K rows so that the rotated pairs are adjacent values 2i, 2i+1), grouped-query
 * attention (Ainslie et al. 2023), SwiGLU (Shazeer 2020). All weights are frozen (no gradient);
 * {@link Lora} adapters attached with {@link #attach} are what trains.
 *
 * <p>Shapes: token ids [B, T] (right-padded; the causal mask keeps padding from reaching real
 * tokens), hidden states [B, T, dim], logits [B, T, vocab] or [N, vocab]. All F32.
 */
public final class Llama {

    /** The projections a {@link Lora} can adapt, by their GGUF names. */
    public static final List<String> PROJECTIONS = List.of("attn_q", "attn_k", "attn_v", "attn_output", "ffn_gate", "ffn_up", "ffn_down");

    private record Block(NDArray attnNorm, NDArray wq, NDArray wk, NDArray wv, NDArray wo,
                         NDArray ffnNorm, NDArray wGate, NDArray wUp, NDArray wDown) {}

    private final LlamaConfig config;
    private final NDManager manager;
    private final Block[] blocks;
    private final NDArray tokenEmbd;      // [vocab, dim]
    private final float[] embedRows;      // the same, on the heap, for the lookup
    private final NDArray outputNorm;
    private final Map<String, Lora> adapters = new LinkedHashMap<>();

    private Llama(LlamaConfig config, NDManager manager, Block[] blocks, float[] tokenEmbd, NDArray outputNorm) {
        this.config = config;
        this.manager = manager;
        this.blocks = blocks;
        this.embedRows = tokenEmbd;
        this.tokenEmbd = manager.create(tokenEmbd, new Shape(config.vocab(), config.dim()));
        this.outputNorm = outputNorm;
    }

    /**
     * Loads a Llama-architecture GGUF model, every tensor dequantized to F32 (about 4 bytes per
     * parameter of native memory, outside the Java heap, plus the embedding once more on the heap).
     *
     * @param gguf    e.g. {@code GgufFile.open(GgufFile.ofCourseModel())}
     * @param manager owns the weights; close it to free them
     * @return the model, all weights frozen
     * @throws genai.CourseError if the file is not a Llama model
     */
    public static Llama load(GgufFile gguf, NDManager manager) {
        LlamaConfig c = LlamaConfig.of(gguf);
        Block[] blocks = new Block[c.layers()];
        for (int l = 0; l < c.layers(); l++) {
            String p = "blk." + l + ".";
            blocks[l] = new Block(vec(manager, gguf, p + "attn_norm.weight"),
                    mat(manager, gguf, p + "attn_q.weight"), mat(manager, gguf, p + "attn_k.weight"),
                    mat(manager, gguf, p + "attn_v.weight"), mat(manager, gguf, p + "attn_output.weight"),
                    vec(manager, gguf, p + "ffn_norm.weight"), mat(manager, gguf, p + "ffn_gate.weight"),
                    mat(manager, gguf, p + "ffn_up.weight"), mat(manager, gguf, p + "ffn_down.weight"));
        }
        return new Llama(c, manager, blocks, gguf.tensor("token_embd.weight").toFloats(), vec(manager, gguf, "output_norm.weight"));
    }

    /**
     * A model with random weights (normal, standard deviation {@code scale}; norms 1), for tests.
     *
     * @param config  its shape
     * @param manager owns the weights
     * @param seed    random seed
     * @param scale   standard deviation of the weights
     * @return the model
     */
    public static Llama random(LlamaConfig config, NDManager manager, long seed, float scale) {
        Random r = new Random(seed);
        int d = config.dim(), kv = config.kvDim(), f = config.ffn();
        Block[] blocks = new Block[config.layers()];
        for (int l = 0; l < blocks.length; l++) {
            blocks[l] = new Block(manager.ones(new Shape(d)), rnd(manager, r, scale, d, d), rnd(manager, r, scale, kv, d),
                    rnd(manager, r, scale, kv, d), rnd(manager, r, scale, d, d), manager.ones(new Shape(d)),
                    rnd(manager, r, scale, f, d), rnd(manager, r, scale, f, d), rnd(manager, r, scale, d, f));
        }
        float[] emb = new float[config.vocab() * d];
        for (int i = 0; i < emb.length; i++) emb[i] = (float) r.nextGaussian() * scale * 10;
        return new Llama(config, manager, blocks, emb, manager.ones(new Shape(d)));
    }

    private static NDArray rnd(NDManager m, Random r, float scale, int rows, int cols) {
        float[] v = new float[rows * cols];
        for (int i = 0; i < v.length; i++) v[i] = (float) r.nextGaussian() * scale;
        return m.create(v, new Shape(rows, cols));
    }

    private static NDArray vec(NDManager m, GgufFile g, String name) {
        return m.create(g.tensor(name).toFloats());
    }

    private static NDArray mat(NDManager m, GgufFile g, String name) {
        var t = g.tensor(name);
        return m.create(t.toFloats(), new Shape(t.rows(), t.cols()));     // [out, in], as the file stores it
    }

    /** For the tests' plain-Java reference: the embedding table [vocab · dim], row-major. */
    float[] embeddingTable() {
        return embedRows;
    }

    /** @return the hyper-parameters. */
    public LlamaConfig config() {
        return config;
    }

    /** @return the manager that owns the weights. */
    public NDManager manager() {
        return manager;
    }

    /** @return the number of frozen parameters (every weight of the base model). */
    public long parameterCount() {
        long n = tokenEmbd.size() + outputNorm.size();
        for (Block b : blocks) {
            for (NDArray w : List.of(b.attnNorm, b.wq, b.wk, b.wv, b.wo, b.ffnNorm, b.wGate, b.wUp, b.wDown)) n += w.size();
        }
        return n;
    }

    /**
     * The frozen weight of one projection.
     *
     * @param layer      0 ≤ layer &lt; layers
     * @param projection one of {@link #PROJECTIONS}
     * @return [out, in]
     */
    public NDArray weight(int layer, String projection) {
        Block b = blocks[layer];
        return switch (projection) {
            case "attn_q" -> b.wq;
            case "attn_k" -> b.wk;
            case "attn_v" -> b.wv;
            case "attn_output" -> b.wo;
            case "ffn_gate" -> b.wGate;
            case "ffn_up" -> b.wUp;
            case "ffn_down" -> b.wDown;
            default -> throw new IllegalArgumentException("not a projection: " + projection + " (one of " + PROJECTIONS + ")");
        };
    }

    /**
     * Attaches a new LoRA adapter to one projection, replacing any adapter there.
     *
     * @param layer      the block
     * @param projection one of {@link #PROJECTIONS}
     * @param rank       r
     * @param alpha      the update is scaled by alpha / r
     * @param seed       seed of A's start
     * @return the adapter (its B is zero: the model's outputs do not change yet)
     */
    public Lora attach(int layer, String projection, int rank, float alpha, long seed) {
        Shape s = weight(layer, projection).getShape();
        Lora lora = new Lora(manager, (int) s.get(1), (int) s.get(0), rank, alpha, seed);
        adapters.put("blk." + layer + "." + projection + ".weight", lora);
        return lora;
    }

    /** @return the attached adapters, by the name of the weight they adapt (e.g. {@code blk.29.attn_q.weight}). */
    public Map<String, Lora> adapters() {
        return java.util.Collections.unmodifiableMap(adapters);
    }

    /** Detaches every adapter (their arrays stay valid until the manager closes). */
    public void detachAll() {
        adapters.clear();
    }

    /** @return all trainable arrays: A and B of every attached adapter. */
    public List<NDArray> trainable() {
        return adapters.values().stream().flatMap(l -> java.util.stream.Stream.of(l.a, l.b)).toList();
    }

    /**
     * Looks tokens up in the embedding table.
     *
     * @param tokens [B][T] ids, all rows the same length (pad them)
     * @return [B, T, dim]
     */
    public NDArray embed(int[][] tokens) {
        int d = config.dim(), t = tokens[0].length;
        float[] out = new float[tokens.length * t * d];
        for (int b = 0; b < tokens.length; b++) {
            for (int i = 0; i < t; i++) System.arraycopy(embedRows, tokens[b][i] * d, out, (b * t + i) * d, d);
        }
        return manager.create(out, new Shape(tokens.length, t, d));
    }

    /**
     * Runs blocks {@code from} (inclusive) to {@code to} (exclusive).
     *
     * @param x    [B, T, dim] hidden states entering block {@code from}
     * @param from first block
     * @param to   one past the last block
     * @return [B, T, dim] hidden states leaving block {@code to − 1}
     */
    public NDArray blocks(NDArray x, int from, int to) {
        int t = (int) x.getShape().get(1);
        NDManager m = x.getManager();
        NDArray[] rope = ropeTables(m, t);
        NDArray mask = causalMask(m, t);
        for (int l = from; l < to; l++) x = block(l, x, rope[0], rope[1], mask);
        return x;
    }

    /**
     * Like {@link #blocks} without a gradient: each block's intermediate arrays are freed as soon as
     * the block is done, so memory stays at one block's worth whatever the depth.
     *
     * @param x    [B, T, dim]
     * @param from first block
     * @param to   one past the last block
     * @return [B, T, dim]
     */
    public NDArray frozenBlocks(NDArray x, int from, int to) {
        int t = (int) x.getShape().get(1);
        for (int l = from; l < to; l++) {
            try (NDScope scope = new NDScope()) {
                NDArray[] rope = ropeTables(x.getManager(), t);
                NDArray next = block(l, x, rope[0], rope[1], causalMask(x.getManager(), t));
                NDScope.unregister(next);
                if (l > from) x.close();
                x = next;
            }
        }
        return x;
    }

    /**
     * The final RMSNorm and the output layer (the token embedding, transposed).
     *
     * @param h [..., dim]
     * @return logits [..., vocab]
     */
    public NDArray logits(NDArray h) {
        return rmsnorm(h, outputNorm).matMul(tokenEmbd.transpose());
    }

    /**
     * The whole model.
     *
     * @param tokens [B][T] ids
     * @return logits [B, T, vocab]
     */
    public NDArray forward(int[][] tokens) {
        return logits(frozenBlocks(embed(tokens), 0, config.layers()));
    }

    private NDArray block(int l, NDArray x, NDArray cos, NDArray sin, NDArray mask) {
        return block(l, x, cos, sin, mask, null);
    }

    /** One block; with a cache ({@code kv[0]} keys, {@code kv[1]} values, [B, past, KV, hd] or null), x holds only new positions. */
    private NDArray block(int l, NDArray x, NDArray cos, NDArray sin, NDArray mask, NDArray[] kv) {
        Block w = blocks[l];
        Shape s = x.getShape();
        long batch = s.get(0), t = s.get(1);
        int hd = config.headDim(), kvh = config.kvHeads(), group = config.heads() / kvh;
        NDArray h = rmsnorm(x, w.attnNorm);
        NDArray q = rope(project(l, "attn_q", w.wq, h).reshape(batch, t, config.heads(), hd), cos, sin);
        NDArray k = rope(project(l, "attn_k", w.wk, h).reshape(batch, t, kvh, hd), cos, sin);
        NDArray v = project(l, "attn_v", w.wv, h).reshape(batch, t, kvh, hd);
        if (kv != null) {
            if (kv[0] != null) {
                k = kv[0].concat(k, 1);
                v = kv[1].concat(v, 1);
            }
            kv[0] = k;
            kv[1] = v;
        }
        // Query head j uses key/value head j / group: group the queries instead of copying keys and values.
        NDArray qg = q.reshape(batch, t, kvh, group, hd).transpose(0, 2, 3, 1, 4);           // [B, KV, G, T, hd]
        NDArray kg = k.transpose(0, 2, 1, 3).expandDims(2);                                   // [B, KV, 1, T, hd]
        NDArray vg = v.transpose(0, 2, 1, 3).expandDims(2);
        NDArray scores = qg.matMul(kg.transpose(0, 1, 2, 4, 3)).mul(1 / Math.sqrt(hd)).add(mask);
        NDArray heads = scores.softmax(-1).matMul(vg);                                        // [B, KV, G, T, hd]
        NDArray att = heads.transpose(0, 3, 1, 2, 4).reshape(batch, t, config.dim());
        x = x.add(project(l, "attn_output", w.wo, att));
        NDArray h2 = rmsnorm(x, w.ffnNorm);
        NDArray gate = project(l, "ffn_gate", w.wGate, h2);
        NDArray act = gate.mul(ai.djl.nn.Activation.sigmoid(gate)).mul(project(l, "ffn_up", w.wUp, h2));
        return x.add(project(l, "ffn_down", w.wDown, act));
    }

    /** W x, plus the LoRA update if an adapter is attached to this projection. */
    private NDArray project(int layer, String name, NDArray weight, NDArray x) {
        NDArray y = x.matMul(weight.transpose());
        Lora lora = adapters.get("blk." + layer + "." + name + ".weight");
        return lora == null ? y : y.add(lora.delta(x));
    }

    /** RMSNorm, written out: x / sqrt(mean(x²) + eps) · weight. */
    NDArray rmsnorm(NDArray x, NDArray weight) {
        NDArray rms = x.square().mean(new int[] {-1}, true).add(config.eps()).sqrt();
        return x.div(rms).mul(weight);
    }

    /** Rotates each pair (2i, 2i+1) of every head by position · base^(−2i/headDim). x: [B, T, H, hd]. */
    private NDArray rope(NDArray x, NDArray cos, NDArray sin) {
        Shape s = x.getShape();
        NDArray pairs = x.reshape(s.get(0), s.get(1), s.get(2), s.get(3) / 2, 2);
        NDArray x0 = pairs.get("..., 0"), x1 = pairs.get("..., 1");
        NDArray r0 = x0.mul(cos).sub(x1.mul(sin));
        NDArray r1 = x0.mul(sin).add(x1.mul(cos));
        return NDArrays.stack(new NDList(r0, r1), 4).reshape(s);
    }

    private NDArray[] ropeTables(NDManager m, int t) {
        return ropeTables(m, 0, t);
    }

    /** cos and sin of positions offset … offset + t − 1. */
    private NDArray[] ropeTables(NDManager m, int offset, int t) {
        int half = config.headDim() / 2;
        float[] cos = new float[t * half], sin = new float[t * half];
        for (int p = 0; p < t; p++) {
            for (int i = 0; i < half; i++) {
                double angle = (offset + p) * Math.pow(config.ropeBase(), -2.0 * i / config.headDim());
                cos[p * half + i] = (float) Math.cos(angle);
                sin[p * half + i] = (float) Math.sin(angle);
            }
        }
        Shape shape = new Shape(1, t, 1, half);                 // broadcasts over batch and heads
        return new NDArray[] {m.create(cos, shape), m.create(sin, shape)};
    }

    /** [t, past + t]: new position i sees every past position and new positions up to i. */
    private static NDArray causalMask(NDManager m, int past, int t) {
        float[] mask = new float[t * (past + t)];
        for (int i = 0; i < t; i++) {
            for (int j = past + i + 1; j < past + t; j++) mask[i * (past + t) + j] = Float.NEGATIVE_INFINITY;
        }
        return m.create(mask, new Shape(t, past + t));
    }

    private static NDArray causalMask(NDManager m, int t) {
        float[] mask = new float[t * t];
        for (int i = 0; i < t; i++) {
            for (int j = i + 1; j < t; j++) mask[i * t + j] = Float.NEGATIVE_INFINITY;
        }
        return m.create(mask, new Shape(t, t));
    }

    /**
     * Next-token logits after the last token of one sequence (no gradient).
     *
     * @param tokens the ids
     * @return [vocab] logits predicting the token after {@code tokens}
     */
    public float[] lastLogits(int[] tokens) {
        try (NDScope scope = new NDScope()) {
            NDArray h = frozenBlocks(embed(new int[][] {tokens}), 0, config.layers());
            return logits(h.get("0, -1")).toFloatArray();
        }
    }

    /**
     * Greedy decoding with a key/value cache: the prompt in one pass, then one token per pass, each
     * time the most likely token (what Ollama does at temperature 0, up to floating-point ties).
     *
     * @param prompt   the prompt's ids
     * @param maxNew   at most this many new tokens
     * @param stops    ids that end the reply (not included in it)
     * @return the new ids, without the stop id
     */
    public int[] greedy(int[] prompt, int maxNew, java.util.Set<Integer> stops) {
        List<Integer> out = new java.util.ArrayList<>();
        try (NDScope scope = new NDScope()) {
            NDArray[][] cache = new NDArray[config.layers()][2];
            int[] input = prompt;
            int past = 0;
            while (out.size() < maxNew) {
                NDManager m = manager;
                NDArray x = embed(new int[][] {input});
                NDArray[] rope = ropeTables(m, past, input.length);
                NDArray mask = causalMask(m, past, input.length);
                for (int l = 0; l < config.layers(); l++) x = block(l, x, rope[0], rope[1], mask, cache[l]);
                int next = (int) logits(x.get("0, -1")).argMax().getLong();
                past += input.length;
                if (stops.contains(next)) break;
                out.add(next);
                input = new int[] {next};
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * The most likely next token at every position of each sequence, from one teacher-forced pass:
     * if {@code argmax[t] == tokens[t + 1]} for every t of an answer, greedy decoding of this model
     * produces exactly that answer.
     *
     * @param sequences the ids, any lengths
     * @return per sequence, [T] argmax ids (position t predicts token t + 1)
     */
    public int[][] argmaxes(List<int[]> sequences) {
        int[][] out = new int[sequences.size()][];
        for (int i = 0; i < sequences.size(); i++) {
            try (NDScope scope = new NDScope()) {
                NDArray logits = forward(new int[][] {sequences.get(i)}).get(0);
                out[i] = java.util.Arrays.stream(logits.argMax(-1).toLongArray()).mapToInt(x -> (int) x).toArray();
            }
        }
        return out;
    }

    /**
     * Mean negative log-likelihood (nats per token) of a text under the model: the mean of
     * −ln p(token t + 1 | tokens ≤ t) over all positions. Perplexity is its exponential.
     *
     * @param tokens at least 2 ids
     * @return the mean NLL
     */
    public double meanNll(int[] tokens) {
        try (NDScope scope = new NDScope()) {
            NDArray logp = forward(new int[][] {tokens}).get(0).logSoftmax(-1);       // [T, V]
            float[] lp = logp.toFloatArray();
            int v = config.vocab();
            double sum = 0;
            for (int t = 0; t + 1 < tokens.length; t++) sum -= lp[t * v + tokens[t + 1]];
            return sum / (tokens.length - 1);
        }
    }

    /**
     * Hidden states after the first {@code upTo} blocks, for caching the frozen part of the model.
     *
     * @param sequences the ids, any lengths
     * @param upTo      how many blocks to run (0 gives the embeddings)
     * @param batchSize sequences per pass
     * @param progress  called with the number of sequences done so far (may be null)
     * @return per sequence, its [T · dim] states, row-major
     */
    public float[][] hidden(List<int[]> sequences, int upTo, int batchSize, java.util.function.IntConsumer progress) {
        float[][] out = new float[sequences.size()][];
        int d = config.dim();
        // Sequences of similar length share a batch, so little time goes into padding.
        Integer[] order = java.util.stream.IntStream.range(0, sequences.size()).boxed().toArray(Integer[]::new);
        java.util.Arrays.sort(order, java.util.Comparator.comparingInt(i -> sequences.get(i).length));
        for (int from = 0; from < order.length; from += batchSize) {
            int to = Math.min(order.length, from + batchSize);
            int t = 0;
            for (int i = from; i < to; i++) t = Math.max(t, sequences.get(order[i]).length);
            int[][] ids = new int[to - from][t];
            for (int i = from; i < to; i++) System.arraycopy(sequences.get(order[i]), 0, ids[i - from], 0, sequences.get(order[i]).length);
            try (NDScope scope = new NDScope()) {
                float[] h = frozenBlocks(embed(ids), 0, upTo).toFloatArray();
                for (int i = from; i < to; i++) {
                    int len = sequences.get(order[i]).length;
                    out[order[i]] = java.util.Arrays.copyOfRange(h, (i - from) * t * d, ((i - from) * t + len) * d);
                }
            }
            if (progress != null) progress.accept(to);
        }
        return out;
    }
}
