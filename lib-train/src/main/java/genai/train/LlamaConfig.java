package genai.train;

import genai.gguf.GgufFile;

/**
 * The hyper-parameters of a LLaMA-style decoder (Touvron et al. 2023, "LLaMA"), as GGUF stores them.
 *
 * @param dim      width of the residual stream (576 for SmolLM2-135M)
 * @param layers   number of transformer blocks (30)
 * @param heads    query heads (9)
 * @param kvHeads  key/value heads, grouped-query attention (3)
 * @param ffn      hidden width of the SwiGLU feed-forward network (1536)
 * @param vocab    vocabulary size (49,152)
 * @param eps      RMSNorm epsilon
 * @param ropeBase base of the rotary position angles (θ in Su et al. 2021)
 */
public record LlamaConfig(int dim, int layers, int heads, int kvHeads, int ffn, int vocab, float eps, double ropeBase) {

    public LlamaConfig {
        if (dim % heads != 0 || heads % kvHeads != 0 || (dim / heads) % 2 != 0) {
            throw new IllegalArgumentException("dim must split into heads of even size and heads into kvHeads groups: " + dim + "/" + heads + "/" + kvHeads);
        }
    }

    /** @return dim / heads. */
    public int headDim() {
        return dim / heads;
    }

    /** @return kvHeads × headDim, the output width of the K and V projections. */
    public int kvDim() {
        return kvHeads * headDim();
    }

    /**
     * Reads the {@code llama.*} keys of a GGUF file.
     *
     * @param gguf a Llama-architecture file
     * @return its configuration
     * @throws genai.CourseError if a key is missing or the architecture is not {@code llama}
     */
    public static LlamaConfig of(GgufFile gguf) {
        String arch = gguf.string("general.architecture");
        if (!arch.equals("llama")) {
            throw new genai.CourseError("genai.train implements the Llama architecture; this GGUF file is '" + arch + "'. Set COURSE_CHAT_MODEL to the course's SmolLM2 model.");
        }
        return new LlamaConfig((int) gguf.integer("llama.embedding_length"), (int) gguf.integer("llama.block_count"),
                (int) gguf.integer("llama.attention.head_count"), (int) gguf.integer("llama.attention.head_count_kv"),
                (int) gguf.integer("llama.feed_forward_length"), gguf.tensor("token_embd.weight").rows(),
                (float) gguf.number("llama.attention.layer_norm_rms_epsilon"), gguf.number("llama.rope.freq_base"));
    }
}
