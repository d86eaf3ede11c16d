package genai.guard;

/**
 * Something that reads a text (a user's request, a retrieved passage, a model's reply) and says
 * whether it looks like an attack. The lesson compares three kinds behind this one interface:
 * {@link KeywordDetector} (rules), {@link EmbeddingDetector} (similarity to known attacks) and
 * {@link LlmDetector} (a model asked for a JSON verdict); {@link Guardrails} turns any of them into a
 * LangChain4j input guardrail.
 */
public interface Detector {

    /**
     * What a detector decided about one text.
     *
     * @param flagged true if the text is treated as an attack (blocked)
     * @param score   the detector's own score (a rule count, a cosine, 1 or 0 for a label); higher is more suspicious
     * @param reason  one short phrase: the rule, the nearest known attack or the label
     */
    record Verdict(boolean flagged, double score, String reason) {}

    /** A short name for tables, e.g. "keywords". */
    String name();

    /**
     * Reads one text.
     *
     * @throws genai.CourseError if a detector that needs a service (the LLM classifier) cannot reach it
     */
    Verdict inspect(String text);
}
