package genai.guard;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds and masks personal data in text: e-mail addresses, phone numbers and the names on a list
 * (OWASP Top 10 for LLM Applications 2025, LLM02 Sensitive Information Disclosure: sanitise data
 * before it reaches the model or the user). Rules, not a model: what they match is predictable and
 * testable, and what they miss (a name not on the list, a number written in words) is stated here.
 *
 * <ul>
 *   <li>e-mail: the common shape {@code local@domain.tld} (letters, digits, {@code . _ % + -} before
 *       the {@code @}; dotted labels after it). It is deliberately narrower than RFC 5322, which also
 *       allows quoted local parts nobody writes in a document.</li>
 *   <li>phone: an optional {@code +} and country code, then 9 to 15 digits in groups separated by
 *       spaces, dots, dashes or parentheses, e.g. {@code +44 7700 900123}, {@code (555) 010-4477},
 *       {@code 0161 496 0018}. Shorter digit runs (years, prices, ids) are left alone.</li>
 *   <li>names: each listed name, matched as whole words, case-insensitively.</li>
 * </ul>
 * Matches are replaced by {@code [EMAIL]}, {@code [PHONE]} and {@code [NAME]}.
 */
public final class PiiRedactor {

    /** One piece of personal data found in a text. @param kind EMAIL, PHONE or NAME @param start offset @param end offset after it */
    public record Found(String kind, String text, int start, int end) {}

    static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
    static final Pattern PHONE = Pattern.compile("(?<![\\w+])(?:\\+\\d{1,3}[ .-]?)?(?:\\(\\d{2,5}\\)[ .-]?)?\\d{2,6}(?:[ .-]\\d{2,6}){1,4}(?![\\w])");

    private final List<Pattern> names;

    private PiiRedactor(List<String> names) {
        this.names = names.stream().filter(n -> !n.isBlank())
                .map(n -> Pattern.compile("(?<!\\w)" + Pattern.quote(n.strip()) + "(?!\\w)", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE))
                .toList();
    }

    /** A redactor for e-mails and phone numbers only. */
    public static PiiRedactor emailsAndPhones() {
        return new PiiRedactor(List.of());
    }

    /** A redactor for e-mails, phone numbers and these names (full names or single words, matched whole). */
    public static PiiRedactor withNames(List<String> names) {
        return new PiiRedactor(List.copyOf(Objects.requireNonNull(names, "names")));
    }

    /**
     * Everything personal in {@code text}, in order of position; overlapping matches keep the first
     * (an e-mail wins over the digits inside it).
     */
    public List<Found> find(String text) {
        List<Found> all = new ArrayList<>();
        collect(all, "EMAIL", EMAIL.matcher(text));
        for (Pattern name : names) collect(all, "NAME", name.matcher(text));
        Matcher phone = PHONE.matcher(text);
        while (phone.find()) {
            long digits = phone.group().chars().filter(Character::isDigit).count();
            if (digits >= 9 && digits <= 15) all.add(new Found("PHONE", phone.group(), phone.start(), phone.end()));
        }
        all.sort(Comparator.comparingInt(Found::start).thenComparing(f -> -f.end()));
        List<Found> kept = new ArrayList<>();
        int until = -1;
        for (Found f : all) {
            if (f.start() >= until) {
                kept.add(f);
                until = f.end();
            }
        }
        return kept;
    }

    /** {@code text} with every match of {@link #find} replaced by {@code [KIND]}. */
    public String redact(String text) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        for (Found f : find(text)) {
            out.append(text, at, f.start()).append('[').append(f.kind()).append(']');
            at = f.end();
        }
        return out.append(text.substring(at)).toString();
    }

    private static void collect(List<Found> into, String kind, Matcher m) {
        while (m.find()) into.add(new Found(kind, m.group(), m.start(), m.end()));
    }
}
