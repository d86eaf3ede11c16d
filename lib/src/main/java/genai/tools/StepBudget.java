package genai.tools;

/**
 * Limits for one agent run: at most {@code maxSteps} model calls and at most {@code maxTokens}
 * tokens (prompt plus generated, as Ollama counts them in {@code prompt_eval_count + eval_count}).
 * An agent asks {@link #allows()} before every model call, so a model that keeps calling tools cannot
 * loop forever and a run cannot cost more than the cap plus one call's tokens.
 *
 * @param maxSteps  model calls allowed, at least 1
 * @param maxTokens tokens allowed over the run, or {@link Integer#MAX_VALUE} for no cap
 */
public record StepBudget(int maxSteps, int maxTokens) {

    /** @throws IllegalArgumentException if a limit is below 1 */
    public StepBudget {
        if (maxSteps < 1 || maxTokens < 1) throw new IllegalArgumentException("A budget allows at least one step and one token.");
    }

    /** A step cap with no token cap. */
    public static StepBudget steps(int maxSteps) {
        return new StepBudget(maxSteps, Integer.MAX_VALUE);
    }

    /**
     * Why no further model call is allowed, or null if one is.
     *
     * @param stepsTaken  model calls made so far
     * @param tokensSpent tokens spent so far
     * @return "step budget", "token budget" or null
     */
    public String exhausted(int stepsTaken, long tokensSpent) {
        if (stepsTaken >= maxSteps) return "step budget";
        if (tokensSpent >= maxTokens) return "token budget";
        return null;
    }

    /** True if another model call is allowed after {@code stepsTaken} calls and {@code tokensSpent} tokens. */
    public boolean allows(int stepsTaken, long tokensSpent) {
        return exhausted(stepsTaken, tokensSpent) == null;
    }
}
