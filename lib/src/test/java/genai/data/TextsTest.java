package genai.data;

import genai.CourseError;

import dev.langchain4j.data.document.Document;
import dev.langchain4j.data.document.DocumentSplitter;
import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.document.splitter.DocumentSplitters;
import dev.langchain4j.data.segment.TextSegment;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TextsTest {

    private static final String NBSP = "\u00A0";

    @Test
    void unicodeSpacesZeroWidthAndLineEndsBecomePlainText() {
        assertEquals("a b c", Texts.normalizeWhitespace("a" + NBSP + "b\u2003\u200Bc"));
        assertEquals("line one\nline two\n\nnext paragraph", Texts.normalizeWhitespace("line one\r\nline two  \r\n\r\n\r\n\r\nnext paragraph"));
        assertEquals("café", Texts.normalizeWhitespace("\uFEFFcafé"));
        assertEquals("", Texts.normalizeWhitespace(NBSP.repeat(600)));
    }

    @Test
    void aDocumentOfNonBreakingSpacesDoesNotCrashTheSplit() {
        // langchain4j#6085: 600 NBSPs made the 1.11 recursive splitter throw IndexOutOfBoundsException: Index -1.
        List<TextSegment> segments = Texts.split(List.of(Document.from(NBSP.repeat(600))), DocumentSplitters.recursive(200, 50));
        assertEquals(List.of(), segments);
    }

    @Test
    void aRunOfNonBreakingSpacesIsNotRepeatedAsOverlap() {
        // The 1.11 splitter gave four segments for this, three of them "Opening hours" again.
        String text = "Opening hours" + NBSP.repeat(600) + "The café closes at five.";
        List<TextSegment> segments = Texts.split(List.of(Document.from(text, Metadata.from("doc_id", "menu-1"))),
                DocumentSplitters.recursive(200, 50));
        assertEquals(1, segments.size());
        assertEquals("Opening hours The café closes at five.", segments.get(0).text());
        assertEquals("menu-1", segments.get(0).metadata().getString("doc_id"));
    }

    @Test
    void oneFailingDocumentIsNamed() {
        DocumentSplitter broken = doc -> {
            if (doc.text().contains("odd")) throw new IndexOutOfBoundsException("Index -1 out of bounds for length 0");
            return List.of(TextSegment.from(doc.text(), doc.metadata()));
        };
        var docs = List.of(Document.from("fine", Metadata.from("doc_id", "a")), Document.from("odd", Metadata.from("doc_id", "b")));
        CourseError e = assertThrows(CourseError.class, () -> Texts.split(docs, broken));
        assertEquals("Splitting 'b' failed (IndexOutOfBoundsException: Index -1 out of bounds for length 0): look at that file's"
                + " text, or leave it out; the other documents are unaffected.", e.getMessage());
    }
}
