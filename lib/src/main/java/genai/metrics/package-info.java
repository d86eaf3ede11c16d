/**
 * Small, dependency-free evaluation metrics for the course notebooks: classification
 * ({@link genai.metrics.Classification}, {@link genai.metrics.ConfusionMatrix},
 * {@link genai.metrics.CohenKappa}), text overlap ({@link genai.metrics.Rouge},
 * {@link genai.metrics.Bleu}), language-model fit ({@link genai.metrics.Perplexity}) and retrieval
 * ({@link genai.metrics.Retrieval}); intervals ({@link genai.metrics.Proportion}, {@link genai.metrics.Bootstrap});
 * medians, percentiles and timings ({@link genai.metrics.Stats}, {@link genai.metrics.Throughput}); and
 * the scoring of lessons 07 and 08: tool calls ({@link genai.metrics.ToolEval}), reasoning answers and
 * majority votes ({@link genai.metrics.Reasoning}) and guardrail runs ({@link genai.metrics.GuardEval}).
 * Everything a lesson measures is computed here, so a figure has one definition.
 *
 * <p>Conventions shared by every class here:
 * <ul>
 *   <li>Each class's Javadoc gives the definition it computes and what it returns when a denominator
 *       is zero; none of them returns {@code NaN} except {@link genai.metrics.CohenKappa}, whose
 *       value is genuinely undefined in one case (documented there).</li>
 *   <li>A {@code null} argument or a {@code null} element inside a list throws
 *       {@link java.lang.NullPointerException}; lists of different lengths that must line up, or
 *       input for which the metric is undefined (for example no examples at all), throw
 *       {@link java.lang.IllegalArgumentException} with a sentence saying what was wrong.</li>
 *   <li>Text metrics ({@link genai.metrics.Rouge}, {@link genai.metrics.Bleu}) tokenise with
 *       {@link genai.metrics.Tokens#of(String)}, and also accept token lists for those who want their
 *       own tokenisation.</li>
 * </ul>
 */
package genai.metrics;
