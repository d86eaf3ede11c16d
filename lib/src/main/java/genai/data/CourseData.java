package genai.data;

import genai.CourseError;

import dev.langchain4j.data.document.Document;
import dev.langchain4j.data.document.Metadata;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The course's own data in {@code data/} as typed values, loaded the same way by every lesson and by
 * the benchmark. {@code data/README.md} says what each file holds and where it came from.
 *
 * <p>CSV files are read with Tablesaw's RFC 4180 reader, every column as text, and turned into
 * records, so a value such as "007" or "1,5" is never re-typed behind a lesson's back.
 *
 * @throws CourseError (from every method) when {@code data/} cannot be found above the working directory, or a file
 *     is missing or unreadable ({@link DataDir}'s one rule)
 */
public final class CourseData {

    private CourseData() {}

    /** Metadata keys of a handbook {@link Document}: the file name without .md, e.g. "mem-03". */
    public static final String DOC_ID = "doc_id";
    /** The section folder, e.g. "membership". */
    public static final String SECTION = "section";
    /** The document's title: its first line without the leading "# ". */
    public static final String TITLE = "title";

    /** A question about the handbook, answered by exactly one document ({@code passageId} is its doc_id). */
    public record HandbookQuestion(String id, String question, String passageId, String referenceAnswer) {}

    /** A labelled sentence: label is positive, negative or neutral; split is train or test. */
    public record Sentence(String id, String text, String label, String split) {}

    /** A catalogue product; price in euros; keySpecs separated by "; ". */
    public record Product(String id, String name, String category, double priceEur, String description, String keySpecs) {}

    /** A news-style article with its reference summary (1-2 sentences). */
    public record Article(String id, String text, String referenceSummary) {}

    /** An answer to a handbook question with a human's label (relevant, partly relevant, not relevant) and reason. */
    public record JudgedAnswer(String id, String question, String answer, String humanLabel, String reason) {}

    /** A question about the essay; paragraphNumber is 1-based, counted after the title; note is "" or "keyword trap". */
    public record EssayQuestion(String question, int paragraphNumber, String note) {}

    /**
     * A row of {@code security/attacks.csv}: an attack on one of the course's apps, or a benign request
     * of the same shape for measuring false positives.
     *
     * @param id     "A001"… for attacks, "B001"… for benign requests
     * @param kind   "attack" or "benign"
     * @param family the name of one of {@link #ATTACK_FAMILIES}
     * @param owasp  the family's risk id in the OWASP Top 10 for LLM Applications 2025, e.g. "LLM01"
     * @param target the app the text is sent to: chat, rag, sql, html, agent or budget
     * @param text   the user's turn; a direct-injection attack holds the placeholder {@link #MARKER}
     */
    public record Attack(String id, String kind, String family, String owasp, String target, String text) {
        /** True for kind "attack", false for "benign". */
        public boolean isAttack() {
            return kind.equals("attack");
        }
    }

    /** Placeholder a lesson replaces with a per-run random token that an injection asks the model to say. */
    public static final String MARKER = "{{MARKER}}";
    /** Placeholder a lesson replaces with a per-run random secret planted in a system prompt or document. */
    public static final String CANARY = "{{CANARY}}";

    /**
     * An attack family of {@code security/attacks.csv}: its risk id in the OWASP Top 10 for LLM
     * Applications 2025 (https://genai.owasp.org/llm-top-10/), e.g. "LLM01", and the app it targets
     * (chat, rag, sql, html, agent or budget).
     */
    public record AttackFamily(String name, String owasp, String target) {}

    /** The eight families of {@code security/attacks.csv}, in the order lessons show them. */
    public static final List<AttackFamily> ATTACK_FAMILIES = List.of(
            new AttackFamily("direct-injection", "LLM01", "chat"),
            new AttackFamily("indirect-injection", "LLM01", "rag"),
            new AttackFamily("system-prompt-leak", "LLM07", "chat"),
            new AttackFamily("sensitive-disclosure", "LLM02", "rag"),
            new AttackFamily("sql-injection", "LLM05", "sql"),
            new AttackFamily("html-injection", "LLM05", "html"),
            new AttackFamily("excessive-agency", "LLM06", "agent"),
            new AttackFamily("unbounded-consumption", "LLM10", "budget"));

    /** The three sentiment labels, in the order lessons show them. */
    public static final List<String> SENTIMENT_LABELS = List.of("positive", "negative", "neutral");

    /**
     * The 53 handbook documents, sorted by doc_id. Each {@link Document}'s text is the file as written
     * (first line "# Title", then prose); its metadata holds {@link #DOC_ID}, {@link #SECTION},
     * {@link #TITLE} and LangChain4j's {@code file_name}.
     */
    public static List<Document> handbook() {
        return documentsUnder("handbook");
    }

    /** The 105 questions of {@code handbook/questions.csv}, in file order. */
    public static List<HandbookQuestion> handbookQuestions() {
        return rows("handbook/questions.csv", r -> new HandbookQuestion(r.getString("id"), r.getString("question"),
                r.getString("passage_id"), r.getString("reference_answer")));
    }

    /** The 48 sentences of {@code sentiment/sentences.csv} (15 train, 33 test), in file order. */
    public static List<Sentence> sentences() {
        return sentenceFile("sentiment/sentences.csv");
    }

    /** The rows of {@code sentences.csv} whose split is {@code split} ("train" or "test"). */
    public static List<Sentence> sentences(String split) {
        return sentences().stream().filter(s -> s.split().equals(split)).toList();
    }

    /** The rows of {@code sentences.csv} in the "train" split (15, five per label). */
    public static List<Sentence> trainSentences() {
        return sentences("train");
    }

    /** The rows of {@code sentences.csv} in the "test" split (33, eleven per label). */
    public static List<Sentence> testSentences() {
        return sentences("test");
    }

    /** The 60 extra training sentences of {@code sentiment/training-extra.csv} (all split "train"). */
    public static List<Sentence> trainingExtra() {
        return sentenceFile("sentiment/training-extra.csv");
    }

    /** The 18 products of {@code catalogue/products.csv}. */
    public static List<Product> products() {
        return rows("catalogue/products.csv", r -> new Product(r.getString("id"), r.getString("name"), r.getString("category"),
                Double.parseDouble(r.getString("price_eur")), r.getString("description"), r.getString("key_specs")));
    }

    /** The 12 articles of {@code summaries/articles.csv}. */
    public static List<Article> articles() {
        return rows("summaries/articles.csv", r -> new Article(r.getString("id"), r.getString("text"), r.getString("reference_summary")));
    }

    /** The 24 judged answers of {@code judge/answers.csv}. */
    public static List<JudgedAnswer> judgedAnswers() {
        return rows("judge/answers.csv", r -> new JudgedAnswer(r.getString("id"), r.getString("question"), r.getString("answer"),
                r.getString("human_label"), r.getString("reason")));
    }

    /** The 10 questions of {@code essay/questions.csv}. */
    public static List<EssayQuestion> essayQuestions() {
        return rows("essay/questions.csv", r -> new EssayQuestion(r.getString("question"),
                Integer.parseInt(r.getString("paragraph_number")), r.getString("note")));
    }

    /** The essay's text ({@code essay/what-makes-a-good-library.md}): "# Title", a blank line, 20 paragraphs. */
    public static String essay() {
        return DataDir.read("essay/what-makes-a-good-library.md");
    }

    /**
     * The 93 attacks and 95 benign requests of {@code security/attacks.csv}, in file order (attacks first).
     * Texts are as written: placeholders such as {@link #MARKER} are left for the lesson to replace.
     */
    public static List<Attack> attacks() {
        return rows("security/attacks.csv", r -> new Attack(r.getString("id"), r.getString("kind"), r.getString("family"),
                r.getString("owasp"), r.getString("target"), r.getString("text")));
    }

    /**
     * The 41 reference attack phrasings of {@code security/known-attacks.txt}, one per non-blank line, for
     * an embedding-similarity detector. None is taken from {@link #attacks()}, so a detector built on
     * them is measured on attacks it has not seen.
     */
    public static List<String> knownAttacks() {
        return DataDir.lines("security/known-attacks.txt").stream()
                .map(String::strip).filter(line -> !line.isEmpty()).toList();
    }

    /**
     * The handbook-style documents of lesson 08 that must never enter the collections other lessons
     * use: {@code "poisoned"} (documents carrying hidden instructions that ask for {@link #MARKER})
     * or {@code "confidential"} (staff-only documents holding {@link #CANARY} and invented personal
     * data). Metadata as in {@link #handbook()}; {@link #SECTION} is the folder name.
     *
     * @param folder "poisoned" or "confidential"
     * @return the folder's documents sorted by doc_id
     * @throws CourseError for any other folder name
     */
    public static List<Document> securityDocuments(String folder) {
        if (!List.of("poisoned", "confidential").contains(folder)) {
            throw new CourseError("There is no security document folder '" + folder + "': use \"poisoned\" or \"confidential\" (see data/security/README.md).");
        }
        return documentsUnder("security/" + folder);
    }

    /**
     * A CSV file under {@code data/} as a Tablesaw table with every column as text (an empty field is
     * ""), for lessons that show the raw rows.
     *
     * @param relativePath e.g. "sentiment/sentences.csv"
     */
    public static Table table(String relativePath) {
        Path file = DataDir.file(relativePath);
        return Table.read().usingOptions(CsvReadOptions.builder(file.toFile())
                .tableName(relativePath)
                .columnTypesPartial(column -> Optional.of(ColumnType.STRING)).build());
    }

    private static List<Document> documentsUnder(String relativeDir) {
        Path dir = DataDir.find().resolve(relativeDir);
        if (!Files.isDirectory(dir)) {
            throw DataDir.missing(relativeDir + "/");
        }
        List<Document> documents = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".md")).toList()) {
                String text = Files.readString(file);
                String fileName = file.getFileName().toString();
                Metadata meta = new Metadata()
                        .put(Document.FILE_NAME, fileName)
                        .put(DOC_ID, fileName.replaceFirst("\\.md$", ""))
                        .put(SECTION, file.getParent().getFileName().toString())
                        .put(TITLE, text.lines().findFirst().orElse("").replaceFirst("^#\\s*", "").strip());
                documents.add(Document.from(text, meta));
            }
        } catch (IOException e) {
            throw DataDir.unreadable(relativeDir, e);
        }
        documents.sort(Comparator.comparing(d -> d.metadata().getString(DOC_ID)));
        return documents;
    }

    private static List<Sentence> sentenceFile(String file) {
        return rows(file, r -> new Sentence(r.getString("id"), r.getString("text"), r.getString("label"), r.getString("split")));
    }

    private static <T> List<T> rows(String relativePath, Function<Row, T> toRecord) {
        Table table = table(relativePath);
        List<T> out = new ArrayList<>(table.rowCount());
        for (Row row : table) {
            out.add(toRecord.apply(row));
        }
        return List.copyOf(out);
    }
}
