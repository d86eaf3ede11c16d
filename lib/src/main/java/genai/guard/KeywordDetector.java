package genai.guard;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The baseline detector: regular expressions for the phrasings prompt-injection attacks use most
 * ("ignore all previous instructions", "reveal your system prompt", "you are now ...", destructive
 * SQL verbs next to "table", script tags, "repeat ... forever"). Fast, transparent and easy to beat
 * by rephrasing; it also flags innocent text that uses the same words, which is why the lesson
 * measures its false-positive rate on benign requests. Families of rules follow the OWASP Top 10 for
 * LLM Applications 2025 risks they target (LLM01, LLM07, LLM05, LLM10).
 */
public final class KeywordDetector implements Detector {

    private final Map<String, Pattern> rules;

    private KeywordDetector(Map<String, Pattern> rules) {
        this.rules = rules;
    }

    /** The course's baseline rules (case-insensitive). */
    public static KeywordDetector baseline() {
        Map<String, Pattern> r = new LinkedHashMap<>();
        r.put("override", p("\\b(ignore|disregard|forget|override|bypass)\\b.{0,40}\\b(previous|prior|above|earlier|all|your|the)\\b.{0,30}\\b(instructions?|rules?|prompts?|guidelines?|directions?)"));
        r.put("new persona", p("\\b(you are now|from now on you|act as|pretend (to be|you are)|developer mode|jailbreak|DAN\\b)"));
        r.put("prompt extraction", p("\\b(reveal|print|show|repeat|output|tell me|what is|what's|leak|disclose)\\b.{0,40}\\b(system prompt|hidden (prompt|instructions?)|initial instructions|your instructions|secret|canary|confidential)"));
        r.put("destructive sql", p("\\b(drop|truncate|delete\\s+from|alter)\\b.{0,30}\\b(table|database|schema|from)\\b|;\\s*(drop|delete|update|insert)\\b"));
        r.put("markup", p("<\\s*(script|img|iframe|svg|object)\\b|\\bon(error|load|click)\\s*=|javascript:"));
        r.put("unbounded output", p("\\b(forever|infinitely|without stopping|never stop|as long as (you|possible)|until you (run out|reach))\\b|\\brepeat\\b.{0,30}\\b(\\d{3,}|thousand|million)\\b"));
        return new KeywordDetector(r);
    }

    /** A detector with these named rules (each a Java regular expression, applied case-insensitively). */
    public static KeywordDetector of(Map<String, String> rules) {
        Map<String, Pattern> r = new LinkedHashMap<>();
        rules.forEach((name, regex) -> r.put(name, p(regex)));
        return new KeywordDetector(r);
    }

    /** A copy with one more rule. */
    public KeywordDetector with(String name, String regex) {
        Map<String, Pattern> r = new LinkedHashMap<>(rules);
        r.put(name, p(regex));
        return new KeywordDetector(r);
    }

    /** The rule names, in order. */
    public List<String> ruleNames() {
        return List.copyOf(rules.keySet());
    }

    @Override
    public String name() {
        return "keywords";
    }

    /** Flags a text if any rule matches; the score is the number of rules that match, the reason their names. */
    @Override
    public Verdict inspect(String text) {
        List<String> hits = new ArrayList<>();
        rules.forEach((name, pattern) -> {
            if (pattern.matcher(text).find()) hits.add(name);
        });
        return new Verdict(!hits.isEmpty(), hits.size(), hits.isEmpty() ? "no rule" : String.join(", ", hits));
    }

    private static Pattern p(String regex) {
        return Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    }
}
