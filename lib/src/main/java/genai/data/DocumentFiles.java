package genai.data;

import genai.CourseError;

import dev.langchain4j.data.document.BlankDocumentException;
import dev.langchain4j.data.document.Document;
import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.document.parser.apache.pdfbox.ApachePdfBoxDocumentParser;
import org.apache.pdfbox.multipdf.Splitter;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Documents a user brings, a PDF or a Markdown file, read into LangChain4j {@link Document}s, one per
 * page, with the checks an upload needs: each refusal is one {@link CourseError} sentence naming the
 * file (not a PDF or Markdown, over the size limit, a PDF with no text layer, a PDF that cannot be read).
 * Lesson 09 and the chat app ({@code apps/chat}) both read their files here.
 *
 * <p>A PDF's text comes from LangChain4j's {@link ApachePdfBoxDocumentParser}. That parser returns
 * one text for the whole file, while an answer's sources should name the page, so every page is cut
 * out with PDFBox's {@link Splitter} and parsed on its own; a page without text (an image, a blank
 * page) is left out. A PDF is recognised by its header {@code %PDF-} (ISO 32000-1, section 7.5.2),
 * not by its name, so a renamed Word file is refused rather than half-read. Markdown is recognised by
 * the extension {@code .md} or {@code .markdown} and must be UTF-8 text; it is one page.
 *
 * <p>Every document gets the metadata keys {@link #FILE_NAME}, {@link #TITLE}, {@link #KIND} and
 * {@link #PAGE}; LangChain4j's splitters copy them onto each segment.
 */
public final class DocumentFiles {

    /** Metadata key: the file name as given, e.g. "trattoria-sole.pdf" (LangChain4j's own key). */
    public static final String FILE_NAME = Document.FILE_NAME;
    /** Metadata key: the PDF's document title, a Markdown file's first "# " heading, or else the file name without its extension. */
    public static final String TITLE = "title";
    /** Metadata key: "pdf" or "markdown". */
    public static final String KIND = "kind";
    /** Metadata key: the 1-based page number (an Integer); Markdown is page 1. */
    public static final String PAGE = "page";

    /** One megabyte as the limits count it: 1,048,576 bytes (a mebibyte). */
    public static final long MB = 1024L * 1024L;

    /** What a file was read as. */
    public enum Kind {
        PDF("pdf"), MARKDOWN("markdown");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** The lower-case name used in metadata and in the chat app's API: "pdf" or "markdown". */
        public String label() {
            return label;
        }
    }

    /**
     * A file that was read.
     *
     * @param name the file name as given
     * @param kind PDF or Markdown
     * @param title see {@link #TITLE}
     * @param pageCount the file's pages (a PDF's, counting those without text; 1 for Markdown)
     * @param pages one document per page that has text, in page order, each with the metadata keys above
     */
    public record Loaded(String name, Kind kind, String title, int pageCount, List<Document> pages) {}

    private DocumentFiles() {}

    /**
     * Reads a file from disk; its size is checked before it is read.
     *
     * @param file a PDF or Markdown file
     * @param maxBytes the largest size accepted, in bytes (e.g. {@code 10 * DocumentFiles.MB})
     * @throws CourseError for a file that is missing, too large, not a PDF or Markdown, or has no text
     */
    public static Loaded read(Path file, long maxBytes) {
        String name = file.getFileName().toString();
        try {
            if (!Files.isRegularFile(file)) {
                throw new CourseError("'" + file + "' is not a file: check the path (relative paths start at " + Path.of("").toAbsolutePath() + ").");
            }
            long size = Files.size(file);
            if (size > maxBytes) {
                throw tooLarge(name, size, maxBytes);
            }
            return read(name, Files.readAllBytes(file), maxBytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a file's content, e.g. an upload.
     *
     * @param name the file's name (its extension decides Markdown; a PDF is recognised by its content)
     * @param content the file's bytes
     * @param maxBytes the largest size accepted, in bytes
     * @return the file's pages with text; never empty
     * @throws CourseError naming the file when it is empty, larger than {@code maxBytes}, neither a PDF nor a
     *     Markdown file, a PDF that PDFBox cannot open (damaged, password-protected) or a PDF with no text layer
     */
    public static Loaded read(String name, byte[] content, long maxBytes) {
        if (content.length > maxBytes) {
            throw tooLarge(name, content.length, maxBytes);
        }
        if (content.length == 0) {
            throw new CourseError("'" + name + "' is empty (0 bytes): choose the file again; it may not have finished saving.");
        }
        Kind kind = kindOf(name, content);
        return kind == Kind.PDF ? readPdf(name, content) : readMarkdown(name, content);
    }

    /**
     * What a file is: PDF when its first 1024 bytes hold the header {@code %PDF-} (readers such as
     * PDFBox accept leading junk that short), Markdown when its name ends in .md or .markdown.
     *
     * @throws CourseError for anything else, naming the file and the two kinds accepted
     */
    public static Kind kindOf(String name, byte[] content) {
        if (hasPdfHeader(content)) {
            return Kind.PDF;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".md") || lower.endsWith(".markdown")) {
            return Kind.MARKDOWN;
        }
        String why = lower.endsWith(".pdf") ? " (it is named .pdf but does not start with the PDF header %PDF-)" : "";
        throw new CourseError("'" + name + "' is not a PDF or a Markdown file" + why + ": upload a .pdf with a text layer or a .md file.");
    }

    /** The sentence for a file over the limit. */
    static CourseError tooLarge(String name, long size, long maxBytes) {
        return new CourseError("'" + name + "' is " + size(size) + ", over the limit of " + size(maxBytes) + ": upload a smaller"
                + " file (split it into parts, or save it without images).");
    }

    /** A size for a sentence: bytes under 1 KB, whole KB under 0.1 MB, else MB with one decimal. */
    static String size(long bytes) {
        if (bytes < 1024) return bytes + " bytes";
        if (bytes < MB / 10) return (bytes + 1023) / 1024 + " KB";
        return String.format(Locale.ROOT, "%.1f MB", bytes / (double) MB);
    }

    private static boolean hasPdfHeader(byte[] content) {
        byte[] header = "%PDF-".getBytes(StandardCharsets.US_ASCII);
        int last = Math.min(content.length, 1024) - header.length;
        for (int i = 0; i <= last; i++) {
            boolean match = true;
            for (int j = 0; j < header.length && match; j++) {
                match = content[i + j] == header[j];
            }
            if (match) return true;
        }
        return false;
    }

    private static Loaded readPdf(String name, byte[] content) {
        var parser = new ApachePdfBoxDocumentParser();
        List<Document> pages = new ArrayList<>();
        String title;
        int pageCount;
        try (PDDocument pdf = PDDocument.load(content)) {
            pageCount = pdf.getNumberOfPages();
            String info = pdf.getDocumentInformation() == null ? null : pdf.getDocumentInformation().getTitle();
            title = info == null || info.isBlank() ? withoutExtension(name) : info.strip();
            List<PDDocument> single = new Splitter().split(pdf);
            for (int i = 0; i < single.size(); i++) {
                byte[] pageBytes;
                try (PDDocument page = single.get(i); var out = new ByteArrayOutputStream()) {
                    page.save(out);
                    pageBytes = out.toByteArray();
                }
                String text;
                try {
                    text = parser.parse(new ByteArrayInputStream(pageBytes)).text();
                } catch (BlankDocumentException noText) {
                    continue;
                }
                pages.add(Document.from(text, metadata(name, title, Kind.PDF, i + 1)));
            }
        } catch (InvalidPasswordException e) {
            throw new CourseError("'" + name + "' is protected by a password: save an unprotected copy (print it to PDF) and upload that.");
        } catch (IOException | RuntimeException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new CourseError("'" + name + "' could not be read as a PDF (" + reason + "): open it in a PDF viewer and save"
                    + " (or print) it as a new PDF, then upload that.");
        }
        if (pageCount == 0) {
            throw new CourseError("'" + name + "' has no pages, so there is nothing to read: export the document to PDF again"
                    + " (or print it to PDF), then upload that.");
        }
        if (pages.isEmpty()) {
            throw new CourseError("'" + name + "' has no text layer (its " + pageCount + (pageCount == 1 ? " page holds" : " pages hold")
                    + " only images, as a scan does): run it through OCR first (e.g. ocrmypdf), or upload its text as a .md file.");
        }
        return new Loaded(name, Kind.PDF, title, pageCount, List.copyOf(pages));
    }

    private static Loaded readMarkdown(String name, byte[] content) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            throw new CourseError("'" + name + "' is named like Markdown but is not UTF-8 text: save it as UTF-8 text (.md) and upload it again.");
        }
        if (text.indexOf('\0') >= 0) {
            throw new CourseError("'" + name + "' is named like Markdown but holds binary data: upload a .pdf with a text layer or a .md text file.");
        }
        if (text.isBlank()) {
            throw new CourseError("'" + name + "' holds no text: write something in it, or upload another file.");
        }
        String heading = text.lines().map(String::strip).filter(l -> l.startsWith("# ")).findFirst().orElse(null);
        String title = heading == null ? withoutExtension(name) : heading.substring(2).strip();
        return new Loaded(name, Kind.MARKDOWN, title, 1, List.of(Document.from(text, metadata(name, title, Kind.MARKDOWN, 1))));
    }

    private static Metadata metadata(String name, String title, Kind kind, int page) {
        return new Metadata().put(FILE_NAME, name).put(TITLE, title).put(KIND, kind.label()).put(PAGE, page);
    }

    private static String withoutExtension(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
