package genai.data;

import genai.CourseError;

import dev.langchain4j.data.document.Document;
import dev.langchain4j.data.document.DocumentSplitter;
import dev.langchain4j.data.segment.TextSegment;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Text clean-up before splitting: what PDFs, web pages and word processors put in text that
 * LangChain4j 1.11's recursive splitter mishandles (langchain4j#6085, fixed upstream by PR #6091
 * after 1.11.0; #3345): runs of non-breaking spaces make it throw {@code IndexOutOfBoundsException}
 * or repeat a paragraph as bogus overlap.
 */
public final class Texts {

    private Texts() {}

    /** Unicode space characters other than the ASCII space: NBSP, the U+2000 block, narrow NBSP, math space, ideographic space, Ogham. */
    private static final Pattern UNICODE_SPACES = Pattern.compile("[\\u00A0\\u1680\\u2000-\\u200A\\u202F\\u205F\\u3000\\t\\f\\u000B]");
    /** Characters of zero width: ZWSP, ZWNJ, ZWJ, word joiner, BOM. */
    private static final Pattern ZERO_WIDTH = Pattern.compile("[\\u200B\\u200C\\u200D\\u2060\\uFEFF]");
    private static final Pattern SPACE_RUNS = Pattern.compile(" {2,}");
    private static final Pattern TRAILING_SPACES = Pattern.compile(" +\\n|\\n +");
    private static final Pattern BLANK_LINE_RUNS = Pattern.compile("\\n{3,}");

    /**
     * The text with every Unicode space as an ASCII space, zero-width characters removed, CRLF and
     * CR (and U+2028/U+2029 separators) as LF, runs of spaces as one space, spaces around line breaks
     * dropped, and more than one blank line as one. Paragraph breaks (a blank line) are kept, so a
     * splitter that splits on paragraphs first still sees them. Letters, digits and punctuation are
     * never changed.
     *
     * @return the normalised text, stripped at both ends ("" for null)
     */
    public static String normalizeWhitespace(String text) {
        if (text == null) return "";
        String s = text.replace("\r\n", "\n").replace('\r', '\n').replace('\u2028', '\n').replace('\u2029', '\n');
        s = ZERO_WIDTH.matcher(s).replaceAll("");
        s = UNICODE_SPACES.matcher(s).replaceAll(" ");
        s = SPACE_RUNS.matcher(s).replaceAll(" ");
        s = TRAILING_SPACES.matcher(s).replaceAll("\n");
        s = BLANK_LINE_RUNS.matcher(s).replaceAll("\n\n");
        return s.strip();
    }

    /**
     * Splits every document with {@code splitter} after {@link #normalizeWhitespace}; a document with
     * no text left is skipped. The documents' metadata is kept on their segments (LangChain4j adds
     * {@code index}).
     *
     * @return the segments of all documents, in document order
     * @throws CourseError naming the document (its doc_id, file name or position) if the splitter
     *     fails on it, so one odd file does not hide which one it was
     */
    public static List<TextSegment> split(List<Document> documents, DocumentSplitter splitter) {
        List<TextSegment> out = new ArrayList<>();
        for (int i = 0; i < documents.size(); i++) {
            Document doc = documents.get(i);
            String text = normalizeWhitespace(doc.text());
            if (text.isEmpty()) continue;
            try {
                out.addAll(splitter.split(Document.from(text, doc.metadata().copy())));
            } catch (RuntimeException e) {
                throw new CourseError("Splitting " + nameOf(doc, i) + " failed (" + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "): look at that file's text, or leave it out;"
                        + " the other documents are unaffected.");
            }
        }
        return out;
    }

    private static String nameOf(Document doc, int index) {
        String id = doc.metadata().getString(CourseData.DOC_ID);
        if (id == null) id = doc.metadata().getString(Document.FILE_NAME);
        return id == null ? "document " + (index + 1) + " of the list" : "'" + id + "'";
    }
}
