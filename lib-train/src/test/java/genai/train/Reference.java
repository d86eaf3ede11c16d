package genai.train;

/** Lesson 10's plain-Java forward pass, whole sequence at once, for a model whose norm weights are 1 and that has no adapters. */
final class Reference {

    static float[] forward(Llama model, int[] tokens) {
        LlamaConfig c = model.config();
        int d = c.dim(), hd = c.headDim(), kvd = c.kvDim(), t = tokens.length, group = c.heads() / c.kvHeads();
        float[] emb = model.embeddingTable();
        float[][] x = new float[t][];
        for (int i = 0; i < t; i++) x[i] = java.util.Arrays.copyOfRange(emb, tokens[i] * d, (tokens[i] + 1) * d);
        for (int l = 0; l < c.layers(); l++) {
            float[] wq = model.weight(l, "attn_q").toFloatArray(), wk = model.weight(l, "attn_k").toFloatArray();
            float[] wv = model.weight(l, "attn_v").toFloatArray(), wo = model.weight(l, "attn_output").toFloatArray();
            float[] wg = model.weight(l, "ffn_gate").toFloatArray(), wu = model.weight(l, "ffn_up").toFloatArray();
            float[] wd = model.weight(l, "ffn_down").toFloatArray();
            float[][] q = new float[t][], k = new float[t][], v = new float[t][];
            for (int i = 0; i < t; i++) {
                float[] h = norm(x[i], c.eps());
                q[i] = rope(matvec(wq, h, d), c, i);
                k[i] = rope(matvec(wk, h, kvd), c, i);
                v[i] = matvec(wv, h, kvd);
            }
            for (int i = 0; i < t; i++) {
                float[] att = new float[d];
                for (int hh = 0; hh < c.heads(); hh++) {
                    int kv = hh / group;
                    double[] s = new double[i + 1];
                    double max = Double.NEGATIVE_INFINITY, sum = 0;
                    for (int j = 0; j <= i; j++) {
                        for (int e = 0; e < hd; e++) s[j] += q[i][hh * hd + e] * k[j][kv * hd + e];
                        s[j] /= Math.sqrt(hd);
                        max = Math.max(max, s[j]);
                    }
                    for (int j = 0; j <= i; j++) sum += s[j] = Math.exp(s[j] - max);
                    for (int j = 0; j <= i; j++)
                        for (int e = 0; e < hd; e++) att[hh * hd + e] += (float) (s[j] / sum) * v[j][kv * hd + e];
                }
                float[] o = matvec(wo, att, d);
                for (int e = 0; e < d; e++) x[i][e] += o[e];
                float[] h2 = norm(x[i], c.eps());
                float[] g = matvec(wg, h2, c.ffn()), u = matvec(wu, h2, c.ffn());
                for (int e = 0; e < g.length; e++) g[e] = g[e] / (1 + (float) Math.exp(-g[e])) * u[e];
                float[] down = matvec(wd, g, d);
                for (int e = 0; e < d; e++) x[i][e] += down[e];
            }
        }
        float[] out = new float[t * c.vocab()];
        for (int i = 0; i < t; i++) System.arraycopy(matvec(emb, norm(x[i], c.eps()), c.vocab()), 0, out, i * c.vocab(), c.vocab());
        return out;
    }

    static float[] matvec(float[] w, float[] x, int rows) {
        float[] y = new float[rows];
        for (int r = 0; r < rows; r++)
            for (int j = 0; j < x.length; j++) y[r] += w[r * x.length + j] * x[j];
        return y;
    }

    static float[] norm(float[] x, float eps) {
        double ss = 0;
        for (float f : x) ss += f * f;
        float inv = (float) (1 / Math.sqrt(ss / x.length + eps));
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) y[i] = x[i] * inv;
        return y;
    }

    static float[] rope(float[] v, LlamaConfig c, int pos) {
        int hd = c.headDim();
        for (int h = 0; h < v.length / hd; h++)
            for (int i = 0; i < hd / 2; i++) {
                double a = pos * Math.pow(c.ropeBase(), -2.0 * i / hd);
                int at = h * hd + 2 * i;
                float x0 = v[at], x1 = v[at + 1];
                v[at] = (float) (x0 * Math.cos(a) - x1 * Math.sin(a));
                v[at + 1] = (float) (x0 * Math.sin(a) + x1 * Math.cos(a));
            }
        return v;
    }
}
