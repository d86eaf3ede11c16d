package genai.graph;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Exact-answer scoring of lesson 13's questions. An answer is a set of names, a price with two decimals, or a count.
 * A list of results (from a query) is right when it is the same set after {@link TripleScores#normalise}. A written
 * reply (from a model) is right when it mentions every expected item and no other name of the graph that the question
 * itself does not mention: listing Kibbeh under "without nuts" is wrong even when the right dish is there too.
 * Numbers in a reply match by value ("13", "€13.00"); a count also matches its English word up to twelve.
 */
public final class Answers {

    private Answers() {}

    private static final List<String> WORDS = List.of("zero", "one", "two", "three", "four", "five", "six", "seven",
            "eight", "nine", "ten", "eleven", "twelve");
    private static final Pattern NUMBER = Pattern.compile("(?<![0-9.])([0-9]+(?:[.,][0-9]{1,2})?)(?![0-9])");

    /** Whether a query's results are exactly the expected set (order and duplicates ignored). */
    public static boolean sameSet(Collection<String> got, Collection<String> expected) {
        return norm(got).equals(norm(expected));
    }

    /**
     * Whether a written reply gives exactly the expected answer.
     *
     * @param reply    the model's text
     * @param expected the exact answer's items
     * @param names    every name in the graph (restaurants, dishes), to catch a wrong extra item
     * @param question the question, whose own names do not count as extra items
     */
    public static boolean replyMatches(String reply, Collection<String> expected, Collection<String> names, String question) {
        String text = " " + TripleScores.normalise(reply) + " ";
        Set<Double> numbers = new HashSet<>();
        Matcher m = NUMBER.matcher(reply);
        while (m.find()) numbers.add(Double.parseDouble(m.group(1).replace(',', '.')));
        for (String item : expected) {
            if (item.matches("[0-9]+(\\.[0-9]+)?")) {
                double v = Double.parseDouble(item);
                boolean word = v == Math.rint(v) && v < WORDS.size() && text.contains(" " + WORDS.get((int) v) + " ");
                if (!numbers.contains(v) && !word) return false;
            } else if (!mentions(text, item)) {
                return false;
            }
        }
        String asked = " " + TripleScores.normalise(question) + " ";
        Set<String> wanted = norm(expected);
        for (String name : names) {
            String n = TripleScores.normalise(name);
            if (wanted.contains(n) || mentions(asked, name)) continue;
            // a longer expected name may contain this one ("Butter chicken" inside "Mini butter chicken with rice")
            if (mentions(text, name) && wanted.stream().noneMatch(w -> (" " + w + " ").contains(" " + n + " ") && mentions(text, w))) return false;
        }
        return true;
    }

    private static boolean mentions(String normalisedText, String name) {
        return normalisedText.contains(" " + TripleScores.normalise(name) + " ");
    }

    private static Set<String> norm(Collection<String> items) {
        return items.stream().map(TripleScores::normalise).map(s -> s.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    }
}
