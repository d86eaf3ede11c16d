package genai.guard;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.guardrail.InputGuardrail;
import dev.langchain4j.guardrail.InputGuardrailResult;
import dev.langchain4j.guardrail.OutputGuardrail;
import dev.langchain4j.guardrail.OutputGuardrailResult;

import java.util.Collection;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The course's checks as LangChain4j guardrails, in the API of the pinned version (langchain4j-core
 * 1.11.0, package {@code dev.langchain4j.guardrail}): an {@link InputGuardrail} sees the user message
 * before the model does and may fail the call; an {@link OutputGuardrail} sees the model's
 * {@link AiMessage} and may fail it or rewrite it ({@code successWith}). Register them on an AI service
 * with {@code AiServices.builder(...).inputGuardrails(...)} / {@code .outputGuardrails(...)} (or the
 * {@code @InputGuardrails} / {@code @OutputGuardrails} annotations, which take classes); a failed input
 * guardrail makes the service throw {@code InputGuardrailException} without calling the model.
 */
public final class Guardrails {

    private Guardrails() {}

    /** An input guardrail that fails when {@code detector} flags the user message's text. */
    public static InputGuardrail input(Detector detector) {
        return new InputGuardrail() {
            @Override
            public InputGuardrailResult validate(UserMessage userMessage) {
                Detector.Verdict v = detector.inspect(userMessage.singleText());
                return v.flagged() ? failure("Blocked by the " + detector.name() + " detector (" + v.reason() + ").") : success();
            }

            @Override
            public String toString() {
                return "input guardrail: " + detector.name();
            }
        };
    }

    /** Whether {@code guardrail} lets {@code text} through, called directly (as the service would). */
    public static boolean passes(InputGuardrail guardrail, String text) {
        return guardrail.validate(UserMessage.from(text)).isSuccess();
    }

    /**
     * An output guardrail that fails (fatally: no retry, the reply is never returned) when the reply
     * contains any of these canaries, e.g. the system prompt's: exact-match leak detection (LLM07).
     */
    public static OutputGuardrail blockCanaries(Collection<Canary> canaries) {
        List<Canary> list = List.copyOf(canaries);
        return new OutputGuardrail() {
            @Override
            public OutputGuardrailResult validate(AiMessage responseFromLLM) {
                String text = responseFromLLM.text() == null ? "" : responseFromLLM.text();
                return list.stream().anyMatch(c -> c.leakedIn(text)) ? fatal("The reply contains a secret canary, so it is withheld.") : success();
            }
        };
    }

    /**
     * What reaches the user when {@code reply} passes these output guardrails in order, as an AI
     * service would apply them: empty if one fails, else the text after every rewrite.
     */
    public static java.util.Optional<String> afterOutput(List<OutputGuardrail> guardrails, String reply) {
        String text = reply == null ? "" : reply;
        for (OutputGuardrail g : guardrails) {
            OutputGuardrailResult r = g.validate(AiMessage.from(text));
            if (!r.isSuccess()) return java.util.Optional.empty();
            if (r.hasRewrittenResult()) text = r.successfulText();
        }
        return java.util.Optional.of(text);
    }

    /** An output guardrail that rewrites the reply, e.g. {@code PiiRedactor::redact} or {@code HtmlOutput::escape}. */
    public static OutputGuardrail rewrite(UnaryOperator<String> change) {
        return new OutputGuardrail() {
            @Override
            public OutputGuardrailResult validate(AiMessage responseFromLLM) {
                String text = responseFromLLM.text() == null ? "" : responseFromLLM.text();
                String changed = change.apply(text);
                return changed.equals(text) ? success() : successWith(changed);
            }
        };
    }
}
