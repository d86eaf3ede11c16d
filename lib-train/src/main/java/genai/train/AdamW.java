package genai.train;

import ai.djl.ndarray.NDArray;

import java.util.ArrayList;
import java.util.List;

/**
 * AdamW (Loshchilov &amp; Hutter 2019, "Decoupled Weight Decay Regularization", arXiv:1711.05101):
 * Adam's update {@code m̂ / (√v̂ + ε)} from bias-corrected running means of the gradient and of its
 * square (Kingma &amp; Ba 2015), plus a weight decay applied to the weights directly, not added to the
 * gradient. One step per call, in place on the parameters' values.
 */
public final class AdamW {

    private final List<NDArray> params;
    private final List<NDArray> m = new ArrayList<>();
    private final List<NDArray> v = new ArrayList<>();
    private final float beta1, beta2, eps, weightDecay;
    private int t;

    /**
     * @param params      the arrays to train (each with a gradient after a backward pass)
     * @param beta1       decay of the gradient's running mean (0.9 is usual)
     * @param beta2       decay of the squared gradient's running mean (0.999)
     * @param eps         added to √v̂ (1e-8)
     * @param weightDecay decoupled decay per step, multiplied by the learning rate (0.01)
     */
    public AdamW(List<NDArray> params, float beta1, float beta2, float eps, float weightDecay) {
        this.params = List.copyOf(params);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        for (NDArray p : params) {
            m.add(p.zerosLike());
            v.add(p.zerosLike());
        }
    }

    /** AdamW with the usual constants: β1 0.9, β2 0.999, ε 1e-8, weight decay 0.01. */
    public AdamW(List<NDArray> params) {
        this(params, 0.9f, 0.999f, 1e-8f, 0.01f);
    }

    /**
     * One update: {@code p ← p − lr · (m̂ / (√v̂ + ε) + weightDecay · p)}.
     *
     * @param lr the learning rate of this step
     */
    public void step(float lr) {
        t++;
        float c1 = 1 - (float) Math.pow(beta1, t), c2 = 1 - (float) Math.pow(beta2, t);
        for (int i = 0; i < params.size(); i++) {
            NDArray p = params.get(i), g = p.getGradient();
            m.get(i).muli(beta1).addi(g.mul(1 - beta1));
            v.get(i).muli(beta2).addi(g.square().muli(1 - beta2));
            NDArray update = m.get(i).div(c1).div(v.get(i).div(c2).sqrt().add(eps)).add(p.mul(weightDecay));
            p.subi(update.muli(lr));
            g.muli(0);               // libtorch adds each backward pass to the stored gradient: start the next step from zero
            g.close();
            update.close();
        }
    }

    /** @return how many steps have been taken. */
    public int steps() {
        return t;
    }
}
