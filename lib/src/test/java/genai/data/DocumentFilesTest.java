package genai.data;

import genai.CourseError;

import dev.langchain4j.data.document.Document;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DocumentFilesTest {

    private static final long LIMIT = DocumentFiles.MB;

    /** A PDF with one page per entry; a null entry is a page with no text (a drawn rectangle, as an image-only scan has). */
    static byte[] pdf(String title, String... pageTexts) throws IOException {
        try (PDDocument doc = new PDDocument(); var out = new ByteArrayOutputStream()) {
            if (title != null) {
                PDDocumentInformation info = new PDDocumentInformation();
                info.setTitle(title);
                doc.setDocumentInformation(info);
            }
            for (String text : pageTexts) {
                PDPage page = new PDPage();
                doc.addPage(page);
                try (var content = new PDPageContentStream(doc, page)) {
                    if (text == null) {
                        content.addRect(100, 100, 200, 200);
                        content.fill();
                    } else {
                        content.beginText();
                        content.setFont(PDType1Font.HELVETICA, 12);
                        content.newLineAtOffset(72, 700);
                        content.showText(text);
                        content.endText();
                    }
                }
            }
            doc.save(out);
            return out.toByteArray();
        }
    }

    @Test
    void aPdfBecomesOneDocumentPerPageWithText() throws IOException {
        byte[] bytes = pdf("Trattoria Sole", "Spaghetti al pomodoro 9.50 EUR", null, "Open Tuesday to Sunday");
        DocumentFiles.Loaded loaded = DocumentFiles.read("sole.pdf", bytes, LIMIT);
        assertEquals(DocumentFiles.Kind.PDF, loaded.kind());
        assertEquals("Trattoria Sole", loaded.title());
        assertEquals(3, loaded.pageCount());
        assertEquals(2, loaded.pages().size(), "the page without text is left out");
        Document first = loaded.pages().get(0);
        Document last = loaded.pages().get(1);
        assertTrue(first.text().contains("Spaghetti al pomodoro 9.50 EUR"), first.text());
        assertTrue(last.text().contains("Open Tuesday to Sunday"), last.text());
        assertEquals(1, first.metadata().getInteger(DocumentFiles.PAGE));
        assertEquals(3, last.metadata().getInteger(DocumentFiles.PAGE), "page numbers count the page without text");
        assertEquals("sole.pdf", first.metadata().getString(DocumentFiles.FILE_NAME));
        assertEquals("Trattoria Sole", first.metadata().getString(DocumentFiles.TITLE));
        assertEquals("pdf", first.metadata().getString(DocumentFiles.KIND));
    }

    @Test
    void aPdfWithoutTitleIsNamedAfterItsFileAndIsRecognisedByContentNotName() throws IOException {
        DocumentFiles.Loaded loaded = DocumentFiles.read("menu-upload.bin", pdf(null, "Soup of the day"), LIMIT);
        assertEquals(DocumentFiles.Kind.PDF, loaded.kind());
        assertEquals("menu-upload", loaded.title());
    }

    @Test
    void aPdfWithNoTextLayerIsOneSentence() throws IOException {
        CourseError e = assertThrows(CourseError.class, () -> DocumentFiles.read("scan.pdf", pdf("Scan", null, null), LIMIT));
        assertEquals("'scan.pdf' has no text layer (its 2 pages hold only images, as a scan does): run it through OCR first"
                + " (e.g. ocrmypdf), or upload its text as a .md file.", e.getMessage());
    }

    @Test
    void aPdfWithNoPagesSaysSoRatherThanCallingItAScan() throws IOException {
        CourseError e = assertThrows(CourseError.class, () -> DocumentFiles.read("empty.pdf", pdf("Empty"), LIMIT));
        assertTrue(e.getMessage().contains("has no pages"), e.getMessage());
        assertFalse(e.getMessage().contains("images"), e.getMessage());
    }

    @Test
    void aFileThatIsNeitherPdfNorMarkdownIsRefusedByName() {
        byte[] zip = {'P', 'K', 3, 4, 20, 0, 0, 0};
        CourseError docx = assertThrows(CourseError.class, () -> DocumentFiles.read("menu.docx", zip, LIMIT));
        assertEquals("'menu.docx' is not a PDF or a Markdown file: upload a .pdf with a text layer or a .md file.", docx.getMessage());
        CourseError renamed = assertThrows(CourseError.class, () -> DocumentFiles.read("menu.pdf", zip, LIMIT));
        assertTrue(renamed.getMessage().startsWith("'menu.pdf' is not a PDF or a Markdown file (it is named .pdf but does not"
                + " start with the PDF header %PDF-)"), renamed.getMessage());
    }

    @Test
    void aDamagedPdfIsOneSentence() throws IOException {
        byte[] whole = pdf("Cut", "Text that will be cut off");
        byte[] cut = Arrays.copyOf(whole, 40);
        CourseError e = assertThrows(CourseError.class, () -> DocumentFiles.read("cut.pdf", cut, LIMIT));
        assertTrue(e.getMessage().startsWith("'cut.pdf' could not be read as a PDF ("), e.getMessage());
        assertTrue(e.getMessage().endsWith("then upload that."), e.getMessage());
    }

    @Test
    void aPasswordProtectedPdfSaysSo() throws IOException {
        byte[] locked;
        try (PDDocument doc = PDDocument.load(pdf("Secret", "Hidden menu")); var out = new ByteArrayOutputStream()) {
            var policy = new StandardProtectionPolicy("owner", "user", new AccessPermission());
            policy.setEncryptionKeyLength(128);
            doc.protect(policy);
            doc.save(out);
            locked = out.toByteArray();
        }
        CourseError e = assertThrows(CourseError.class, () -> DocumentFiles.read("secret.pdf", locked, LIMIT));
        assertEquals("'secret.pdf' is protected by a password: save an unprotected copy (print it to PDF) and upload that.", e.getMessage());
    }

    @Test
    void aFileOverTheLimitIsRefusedBeforeParsing() {
        byte[] big = new byte[2 * (int) LIMIT];
        CourseError e = assertThrows(CourseError.class, () -> DocumentFiles.read("huge.pdf", big, LIMIT));
        assertEquals("'huge.pdf' is 2.0 MB, over the limit of 1.0 MB: upload a smaller file (split it into parts, or save it"
                + " without images).", e.getMessage());
        CourseError sized = assertThrows(CourseError.class, () -> DocumentFiles.read("big.md", new byte[3 * (int) LIMIT], 2 * LIMIT));
        assertTrue(sized.getMessage().startsWith("'big.md' is 3.0 MB, over the limit of 2.0 MB"), sized.getMessage());
    }

    @Test
    void sizesReadLikeAPersonWouldSayThem() {
        assertEquals("900 bytes", DocumentFiles.size(900));
        assertEquals("3 KB", DocumentFiles.size(2049));
        assertEquals("12.5 MB", DocumentFiles.size(25 * DocumentFiles.MB / 2));
    }

    @Test
    void markdownIsOnePageTitledByItsFirstHeading() {
        String text = "Intro line\n\n# Café Lumen\n\nOat porridge 6 EUR\n";
        DocumentFiles.Loaded loaded = DocumentFiles.read("lumen.MD", text.getBytes(StandardCharsets.UTF_8), LIMIT);
        assertEquals(DocumentFiles.Kind.MARKDOWN, loaded.kind());
        assertEquals("Café Lumen", loaded.title());
        assertEquals(List.of(text), loaded.pages().stream().map(Document::text).toList());
        assertEquals(1, loaded.pages().get(0).metadata().getInteger(DocumentFiles.PAGE));
        assertEquals("markdown", loaded.pages().get(0).metadata().getString(DocumentFiles.KIND));
        assertEquals("notes", DocumentFiles.read("notes.markdown", "no heading".getBytes(StandardCharsets.UTF_8), LIMIT).title());
    }

    @Test
    void markdownThatIsNotUtf8TextOrIsEmptyIsRefused() {
        byte[] latin1 = "Caf\u00e9".getBytes(StandardCharsets.ISO_8859_1);
        assertTrue(assertThrows(CourseError.class, () -> DocumentFiles.read("a.md", latin1, LIMIT)).getMessage()
                .startsWith("'a.md' is named like Markdown but is not UTF-8 text"));
        assertTrue(assertThrows(CourseError.class, () -> DocumentFiles.read("b.md", new byte[] {'a', 0, 'b'}, LIMIT)).getMessage()
                .startsWith("'b.md' is named like Markdown but holds binary data"));
        assertEquals("'c.md' holds no text: write something in it, or upload another file.",
                assertThrows(CourseError.class, () -> DocumentFiles.read("c.md", " \n\n ".getBytes(StandardCharsets.UTF_8), LIMIT)).getMessage());
        assertTrue(assertThrows(CourseError.class, () -> DocumentFiles.read("d.md", new byte[0], LIMIT)).getMessage()
                .startsWith("'d.md' is empty (0 bytes)"));
    }

    @Test
    void aFileOnDiskIsCheckedForSizeBeforeItIsRead(@TempDir Path dir) throws IOException {
        Path menu = Files.write(dir.resolve("menu.pdf"), pdf("Menu", "Bread 2 EUR"));
        assertEquals("Menu", DocumentFiles.read(menu, LIMIT).title());
        CourseError e = assertThrows(CourseError.class, () -> DocumentFiles.read(menu, 10));
        assertTrue(e.getMessage().matches("'menu\\.pdf' is \\d+ bytes, over the limit of 10 bytes: .*"), e.getMessage());
        assertTrue(assertThrows(CourseError.class, () -> DocumentFiles.read(dir.resolve("missing.pdf"), LIMIT)).getMessage()
                .contains("is not a file"));
    }
}
