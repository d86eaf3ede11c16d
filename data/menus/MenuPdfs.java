import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Random;
import java.util.TimeZone;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import dev.langchain4j.data.document.BlankDocumentException;
import dev.langchain4j.data.document.Document;
import dev.langchain4j.data.document.parser.apache.pdfbox.ApachePdfBoxDocumentParser;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.PDPageContentStream.AppendMode;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.graphics.color.PDDeviceGray;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * Renders the restaurant menus written in Markdown ({@code DIR/src/<slug>.md}) into PDFs ({@code DIR/<slug>.pdf})
 * with PDFBox 2.0.32, the version lib/ already brings through LangChain4j's PDFBox parser.
 *
 * <pre>
 * java -cp "lib/target/classpath/*" data/menus/MenuPdfs.java                          # data/menus
 * java -cp "lib/target/classpath/*" data/menus/MenuPdfs.java --fixtures tests/fixtures/chat
 * </pre>
 *
 * With {@code --fixtures DIR} it also writes the browser test's bad uploads into DIR: {@code scanned-menu.pdf}, a
 * page that is only an image (no text layer, as a scan without OCR), and {@code photo-not-a-pdf.pdf}, a PNG image
 * under a PDF name.
 *
 * <p>The source format is a small subset of Markdown: {@code # Restaurant} (becomes the PDF's title), {@code ## Section},
 * {@code - Dish — €price — description. Allergens: ...} and plain lines. Output is byte-for-byte reproducible: the
 * dates are fixed, the trailer /ID is a hash of the source, the fonts are the standard 14 (not embedded) and the
 * content streams are not compressed, so no zlib build can change a byte (tests/test_menus.py regenerates and
 * compares).
 */
public class MenuPdfs {

    /** Held so that its level is not lost when the logger would be collected. */
    static final Logger PDFBOX_LOG = Logger.getLogger("org.apache.pdfbox");

    static {
        // PDFBox warns that no system font matches Helvetica; that matters only for drawing on a screen. Widths
        // come from the AFM metrics inside PDFBox, so the layout is the same on every machine. Set before the
        // font fields below load PDType1Font.
        PDFBOX_LOG.setLevel(Level.SEVERE);
    }

    static final PDFont REGULAR = PDType1Font.HELVETICA;
    static final PDFont BOLD = PDType1Font.HELVETICA_BOLD;
    static final PDFont ITALIC = PDType1Font.HELVETICA_OBLIQUE;
    static final float MARGIN = 56;
    static final float BODY = 10.5f;
    static final float LEADING = 1.35f;
    static final String DASH = " — ";

    public static void main(String[] args) throws IOException {
        boolean fixtures = args.length > 0 && args[0].equals("--fixtures");
        List<String> rest = Arrays.asList(args).subList(fixtures ? 1 : 0, args.length);
        Path dir = Path.of(rest.isEmpty() ? "data/menus" : rest.get(0));
        Path src = dir.resolve("src");
        if (!Files.isDirectory(src)) {
            System.err.println("[menus] no folder " + src + ": run this from the repository root, e.g. "
                    + "java -cp \"lib/target/classpath/*\" data/menus/MenuPdfs.java");
            System.exit(2);
        }
        List<Path> sources;
        try (Stream<Path> files = Files.list(src)) {
            sources = files.filter(p -> p.toString().endsWith(".md")).sorted().toList();
        }
        for (Path md : sources) {
            String slug = md.getFileName().toString().replaceFirst("\\.md$", "");
            Path pdf = dir.resolve(slug + ".pdf");
            int pages = renderMenu(Files.readString(md, StandardCharsets.UTF_8), pdf);
            System.out.println("[menus] " + pdf + " (" + pages + (pages == 1 ? " page)" : " pages)"));
        }
        if (fixtures) {
            writeScannedPdf(dir.resolve("scanned-menu.pdf"));
            writePng(dir.resolve("photo-not-a-pdf.pdf"));
            System.out.println("[menus] " + dir.resolve("scanned-menu.pdf") + ", " + dir.resolve("photo-not-a-pdf.pdf"));
        }
    }

    /** One line to draw: its font, size, text, indent from the left margin and space above it. */
    record Line(PDFont font, float size, String text, float indent, float spaceBefore, String right) {
    }

    static int renderMenu(String markdown, Path out) throws IOException {
        String title = null;
        List<List<Line>> blocks = new ArrayList<>(); // a block is never split across pages
        for (String raw : markdown.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("# ")) {
                title = line.substring(2).strip();
                blocks.add(List.of(new Line(BOLD, 22, title, 0, 0, null)));
            } else if (line.startsWith("## ")) {
                blocks.add(List.of(new Line(BOLD, 14, line.substring(3).strip(), 0, 14, null)));
            } else if (line.startsWith("- ")) {
                blocks.add(dish(line.substring(2).strip()));
            } else {
                blocks.add(wrap(line, REGULAR, BODY, 0, 3));
            }
        }
        if (title == null) {
            throw new IllegalArgumentException(out + ": the source has no '# Restaurant name' line");
        }
        // A section heading travels with the block after it, so a page never ends on a heading.
        List<List<Line>> kept = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            List<Line> b = new ArrayList<>(blocks.get(i));
            if (b.size() == 1 && b.get(0).size() == 14 && i + 1 < blocks.size()) {
                b.addAll(blocks.get(++i));
            }
            kept.add(b);
        }
        try (PDDocument doc = new PDDocument()) {
            List<PDPage> pages = layOut(doc, kept);
            for (int i = 0; i < pages.size(); i++) {
                try (PDPageContentStream cs = new PDPageContentStream(doc, pages.get(i), AppendMode.APPEND, false)) {
                    String footer = title + " · page " + (i + 1) + " of " + pages.size();
                    text(cs, ITALIC, 8.5f, MARGIN, MARGIN / 2, footer);
                }
            }
            describe(doc, title, "Menu of " + title + ", a restaurant invented for the course", markdown);
            doc.save(out.toFile());
            verify(out, title, dishNames(markdown));
            return pages.size();
        }
    }

    static List<String> dishNames(String markdown) {
        return markdown.lines().filter(l -> l.startsWith("- ")).map(l -> l.substring(2).split(DASH, 2)[0].strip())
                .toList();
    }

    /**
     * Reads the PDF back the way the chat app does, with LangChain4j's ApachePdfBoxDocumentParser, and fails unless
     * the title survives as metadata and every dish name comes out as text.
     */
    static void verify(Path pdf, String title, List<String> dishes) throws IOException {
        Document parsed;
        try (InputStream in = Files.newInputStream(pdf)) {
            parsed = new ApachePdfBoxDocumentParser(true).parse(in);
        }
        String readTitle = parsed.metadata().getString("Title");
        if (!title.equals(readTitle)) {
            throw new IllegalStateException(pdf + ": title read back as " + readTitle + ", expected " + title);
        }
        String text = parsed.text().replaceAll("\\s+", " ");
        for (String dish : dishes) {
            if (!text.contains(dish)) {
                throw new IllegalStateException(pdf + ": the parser's text lacks the dish \"" + dish + "\"");
            }
        }
    }

    /** "Name — €price — description" becomes a bold name with the price at the right, then the wrapped rest. */
    static List<Line> dish(String item) {
        String[] parts = item.split(DASH, 3);
        List<Line> lines = new ArrayList<>();
        String price = parts.length > 1 ? parts[1] : null;
        lines.add(new Line(BOLD, BODY, parts[0], 12, 5, price));
        if (parts.length > 2) {
            lines.addAll(wrap(parts[2], REGULAR, BODY - 0.5f, 24, 0));
        }
        return lines;
    }

    static List<Line> wrap(String text, PDFont font, float size, float indent, float spaceBefore) {
        float width = PDRectangle.A4.getWidth() - 2 * MARGIN - indent;
        List<Line> lines = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String word : text.split(" ")) {
            String candidate = current.isEmpty() ? word : current + " " + word;
            if (!current.isEmpty() && widthOf(font, size, candidate) > width) {
                lines.add(new Line(font, size, current.toString(), indent, lines.isEmpty() ? spaceBefore : 0, null));
                current = new StringBuilder(word);
            } else {
                current = new StringBuilder(candidate);
            }
        }
        lines.add(new Line(font, size, current.toString(), indent, lines.isEmpty() ? spaceBefore : 0, null));
        return lines;
    }

    static List<PDPage> layOut(PDDocument doc, List<List<Line>> blocks) throws IOException {
        List<PDPage> pages = new ArrayList<>();
        float top = PDRectangle.A4.getHeight() - MARGIN;
        float y = -1;
        PDPageContentStream cs = null;
        try {
            for (List<Line> block : blocks) {
                float height = 0;
                for (Line l : block) {
                    height += l.spaceBefore() + l.size() * LEADING;
                }
                if (cs == null || y - height < MARGIN) {
                    if (cs != null) {
                        cs.close();
                    }
                    PDPage page = new PDPage(PDRectangle.A4);
                    doc.addPage(page);
                    pages.add(page);
                    // false: no compression, so the bytes do not depend on the zlib the JVM links.
                    cs = new PDPageContentStream(doc, page, AppendMode.OVERWRITE, false);
                    y = top;
                }
                for (Line l : block) {
                    y -= l.spaceBefore() + l.size() * LEADING;
                    text(cs, l.font(), l.size(), MARGIN + l.indent(), y, l.text());
                    if (l.right() != null) {
                        float right = PDRectangle.A4.getWidth() - MARGIN - widthOf(l.font(), l.size(), l.right());
                        text(cs, l.font(), l.size(), right, y, l.right());
                    }
                }
            }
        } finally {
            if (cs != null) {
                cs.close();
            }
        }
        return pages;
    }

    static void text(PDPageContentStream cs, PDFont font, float size, float x, float y, String s) throws IOException {
        cs.beginText();
        cs.setFont(font, size);
        cs.newLineAtOffset(x, y);
        cs.showText(s);
        cs.endText();
    }

    static float widthOf(PDFont font, float size, String s) {
        try {
            return font.getStringWidth(s) / 1000 * size;
        } catch (IOException | IllegalArgumentException e) {
            // PDFBox throws IllegalArgumentException for a character outside WinAnsiEncoding (the standard fonts').
            throw new IllegalArgumentException("cannot draw \"" + s + "\" with " + font.getName()
                    + ": use characters of Windows-1252 only (" + e.getMessage() + ")", e);
        }
    }

    /** Title, fixed dates and an /ID derived from the source, so that the same source gives the same bytes. */
    static void describe(PDDocument doc, String title, String subject, String source) {
        PDDocumentInformation info = doc.getDocumentInformation();
        info.setTitle(title);
        info.setSubject(subject);
        info.setAuthor("Generative AI with Java, in notebooks");
        info.setCreator("data/menus/MenuPdfs.java");
        info.setProducer("Apache PDFBox 2.0.32");
        Calendar fixed = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
        fixed.clear();
        fixed.set(2026, Calendar.JANUARY, 1, 0, 0, 0);
        info.setCreationDate(fixed);
        info.setModificationDate(fixed);
        byte[] id = Arrays.copyOf(sha256(source), 16);
        COSArray ids = new COSArray();
        ids.add(new COSString(id));
        ids.add(new COSString(id));
        // Without an /ID, PDFBox's writer makes one from the current time.
        doc.getDocument().getTrailer().setItem(COSName.ID, ids);
    }

    static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A "scanned" menu: one page holding only a 1-bit image of a title bar and lines of word-like blocks, so a text
     * extractor finds nothing. The blocks come from a seeded java.util.Random (its sequence is fixed by the Java spec).
     */
    static BufferedImage scannedImage() {
        int w = 496;
        int h = 702;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_BINARY);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, 0xFFFFFF);
            }
        }
        Random random = new Random(9);
        fill(img, 40, 40, 260, 26);
        for (int row = 0, y = 100; y < h - 50; row++, y += row % 5 == 0 ? 34 : 18) {
            int x = row % 5 == 0 ? 40 : 56;
            int end = row % 5 == 0 ? 200 : w - 110;
            while (x < end) {
                int word = 12 + random.nextInt(46);
                fill(img, x, y, Math.min(word, end - x), row % 5 == 0 ? 12 : 8);
                x += word + 7;
            }
            if (row % 5 != 0) {
                fill(img, w - 80, y, 40, 8); // the price column
            }
        }
        return img;
    }

    static void fill(BufferedImage img, int x0, int y0, int w, int h) {
        for (int y = y0; y < y0 + h; y++) {
            for (int x = x0; x < x0 + w; x++) {
                img.setRGB(x, y, 0x000000);
            }
        }
    }

    static void writeScannedPdf(Path out) throws IOException {
        BufferedImage img = scannedImage();
        int w = img.getWidth();
        int h = img.getHeight();
        int stride = (w + 7) / 8;
        byte[] bits = new byte[stride * h]; // DeviceGray, 1 bit: 1 = white
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if ((img.getRGB(x, y) & 0xFFFFFF) != 0) {
                    bits[y * stride + x / 8] |= (byte) (0x80 >> (x % 8));
                }
            }
        }
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            // A raw (unfiltered) image stream: reproducible bytes, like the menus' uncompressed text.
            PDImageXObject image = new PDImageXObject(doc, new ByteArrayInputStream(bits), null, w, h, 1,
                    PDDeviceGray.INSTANCE);
            try (PDPageContentStream cs = new PDPageContentStream(doc, page, AppendMode.OVERWRITE, false)) {
                cs.drawImage(image, 50, 70, w, h);
            }
            describe(doc, "Scanned menu (image only)", "A page with no text layer, for the chat app's upload test",
                    "scanned-menu");
            doc.save(out.toFile());
        }
        try (InputStream in = Files.newInputStream(out)) {
            new ApachePdfBoxDocumentParser().parse(in);
            throw new IllegalStateException(out + ": the parser found text in a page that should have none");
        } catch (BlankDocumentException expected) {
            // what the chat app must turn into "this PDF has no text layer"
        }
    }

    static void writePng(Path out) throws IOException {
        if (!ImageIO.write(scannedImage(), "png", out.toFile())) {
            throw new IOException("no PNG writer in this JVM");
        }
    }
}
