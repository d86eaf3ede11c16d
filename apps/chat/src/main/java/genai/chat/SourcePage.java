package genai.chat;

import org.owasp.encoder.Encode;

/**
 * The small HTML page behind a source link: the passage, its menu and page. Every value is escaped with
 * OWASP's encoder (the text of a PDF or an upload is whatever its author wrote, markup included).
 */
final class SourcePage {

    private SourcePage() {}

    static String of(Passage p) {
        return page(p.label(), "<h1>" + Encode.forHtml(p.menu()) + "</h1>\n"
                + "<p class=\"where\">" + Encode.forHtml(p.fileName()) + ", page " + p.page() + "</p>\n"
                + "<pre class=\"passage\">" + Encode.forHtml(p.text()) + "</pre>\n");
    }

    static String notFound(String id) {
        return page("Passage not found", "<h1>Passage not found</h1>\n<p>No passage has the id <code>" + Encode.forHtml(id)
                + "</code> in this conversation: uploads are forgotten after Reset or a long pause; ask your question again"
                + " for fresh links.</p>\n");
    }

    private static String page(String title, String body) {
        return "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>" + Encode.forHtml(title) + "</title>\n<link rel=\"stylesheet\" href=\"/style.css\">\n</head>\n"
                + "<body class=\"source\">\n<main>\n<p><a href=\"/\">Back to the chat</a></p>\n" + body + "</main>\n</body>\n</html>\n";
    }
}
