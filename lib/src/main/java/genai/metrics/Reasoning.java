package genai.metrics;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reading answers out of chain-of-thought replies, and self-consistency's majority vote (Wang et
 * al., 2022, "Self-Consistency Improves Chain of Thought Reasoning in Language Models",
 * arXiv:2203.11171).
 */
public final class Reasoning {

    /** The delimiter the step-by-step prompt asks the model to write before its final answer. */
    public static final String DELIMITER = "####";

    private static final Pattern NUMBER = Pattern.compile("-?\\d[\\d,]*(?:\\.\\d+)?");

    private Reasoning() {}

    /**
     * The final whole-number answer in a reply: the first number after the last {@value #DELIMITER}
     * if the reply has one, otherwise the last number in the reply (thousands separators dropped; a
     * decimal is rounded down to a whole number only if it ends in .0).
     *
     * @return the number, or empty if the reply has none
     */
    public static Optional<Long> answer(String reply) {
        if (reply == null) return Optional.empty();
        int d = reply.lastIndexOf(DELIMITER);
        Matcher m = NUMBER.matcher(d >= 0 ? reply.substring(d + DELIMITER.length()) : reply);
        String found = null;
        while (m.find()) {
            found = m.group();
            if (d >= 0) break;
        }
        if (found == null) return Optional.empty();
        String n = found.replace(",", "");
        if (n.contains(".")) {
            if (!n.matches("-?\\d+\\.0+")) return Optional.empty();
            n = n.substring(0, n.indexOf('.'));
        }
        try {
            return Optional.of(Long.parseLong(n));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * The most frequent answer among samples (empty answers do not vote); a tie goes to the answer
     * seen first.
     *
     * @return the winner, or empty if no sample had an answer
     */
    public static Optional<Long> majority(Collection<Optional<Long>> answers) {
        Map<Long, Integer> votes = new LinkedHashMap<>();
        for (Optional<Long> a : answers) a.ifPresent(v -> votes.merge(v, 1, Integer::sum));
        Long best = null;
        int bestVotes = 0;
        for (Map.Entry<Long, Integer> e : votes.entrySet()) {
            if (e.getValue() > bestVotes) {
                best = e.getKey();
                bestVotes = e.getValue();
            }
        }
        return Optional.ofNullable(best);
    }
}
