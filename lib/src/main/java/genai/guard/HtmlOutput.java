package genai.guard;

import org.owasp.encoder.Encode;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Model text shown in a web page (OWASP Top 10 for LLM Applications 2025, LLM05 Improper Output
 * Handling): a reply is untrusted input to the browser, so it is escaped with the OWASP Java Encoder
 * ({@code Encode.forHtml}, encoder 1.3.1) before it is placed in HTML, exactly as user input would be
 * (OWASP Cross Site Scripting Prevention Cheat Sheet, rule 1: HTML-encode before inserting into
 * element content). {@link #tagsIn} is the deterministic test that nothing got through.
 */
public final class HtmlOutput {

    /** An HTML start or end tag: {@code <} then an optional {@code /} and a letter (how a browser's tokenizer starts a tag). */
    static final Pattern TAG = Pattern.compile("<\\s*/?\\s*[A-Za-z][^>]*>?");

    private HtmlOutput() {}

    /** {@code text} encoded for HTML element content: {@code < > & " '} become entities, so no tag survives. */
    public static String escape(String text) {
        return Encode.forHtml(text == null ? "" : text);
    }

    /** A reply rendered for a page: {@code <div class="reply">} + the escaped text + {@code </div>}. */
    public static String render(String reply) {
        return "<div class=\"reply\">" + escape(reply) + "</div>";
    }

    /** The same wrapper without escaping: what a page does wrong when it trusts the model. */
    public static String renderUnsafe(String reply) {
        return "<div class=\"reply\">" + (reply == null ? "" : reply) + "</div>";
    }

    /**
     * The tags in an HTML string, without the {@code <div class="reply">} wrapper of {@link #render}:
     * any entry means model text reached the page as markup.
     */
    public static List<String> tagsIn(String html) {
        String inner = html;
        if (inner.startsWith("<div class=\"reply\">") && inner.endsWith("</div>")) {
            inner = inner.substring("<div class=\"reply\">".length(), inner.length() - "</div>".length());
        }
        Matcher m = TAG.matcher(inner);
        return m.results().map(r -> r.group()).toList();
    }
}
