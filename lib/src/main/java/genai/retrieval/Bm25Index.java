package genai.retrieval;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.ContentMetadata;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.CollectionStatistics;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.SmallFloat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * BM25 keyword search over text segments with Apache Lucene, in memory. Each segment is indexed under
 * an id of the caller's choice (the course uses {@link Chunks#id}, the id its Chroma collections use, so
 * a keyword hit and a vector hit of the same chunk have the same id).
 *
 * <p>Text goes through Lucene's {@link EnglishAnalyzer}: standard tokenizer, English possessives
 * removed, lower case, English stop words dropped, Porter stemming ("fees" and "fee" both become
 * "fee"). Scoring is Lucene's {@link BM25Similarity} with k1 = {@value #K1} and b = {@value #B}
 * (S. Robertson and H. Zaragoza, 2009, "The Probabilistic Relevance Framework: BM25 and Beyond",
 * Foundations and Trends in Information Retrieval 3(4)). For a query of terms t and a document d,
 * Lucene 9 computes
 * <pre>
 *   score(q, d) = &Sigma;_t idf(t) &middot; tf / (tf + k1 &middot; (1 - b + b &middot; dl / avgdl))
 *   idf(t)      = ln(1 + (N - n + 0.5) / (n + 0.5))
 * </pre>
 * with tf the term's count in d, dl the number of tokens in d, avgdl the mean over the N documents and
 * n the number of documents holding t. Two details matter when you recompute a score by hand
 * ({@link #termStats}): Lucene stores dl lossily in one byte ({@link SmallFloat#intToByte4}), and since
 * Lucene 8 it leaves out the constant factor (k1 + 1) of the textbook formula, which changes no ranking.
 * A query term that appears twice in the question is counted twice.
 *
 * <p>Instances are immutable after {@link #of} and thread-safe for searching. Memory: the index of a few
 * hundred chunks takes well under a megabyte.
 */
public final class Bm25Index implements AutoCloseable {

    /** Term-frequency saturation of BM25 (Lucene's default). */
    public static final float K1 = 1.2f;
    /** Length normalisation of BM25 (Lucene's default): 0 ignores length, 1 divides by it fully. */
    public static final float B = 0.75f;

    private static final String ID = "id";
    private static final String TEXT = "text";

    private final Analyzer analyzer = new EnglishAnalyzer();
    private final ByteBuffersDirectory directory = new ByteBuffersDirectory();
    private final DirectoryReader reader;
    private final IndexSearcher searcher;
    private final Map<String, TextSegment> segments;

    /** One search result: the segment's id, the segment, and its BM25 score (higher is better, unbounded). */
    public record Hit(String id, TextSegment segment, double score) {}

    /**
     * The numbers BM25 combines for one term and one document, as Lucene has them in its index.
     *
     * @param term            the analysed term (after stemming)
     * @param documents       N, the number of documents in the index
     * @param documentFreq    n, the number of documents that contain the term
     * @param termFreq        tf, the term's count in this document (0 if absent)
     * @param length          dl, this document's number of tokens
     * @param encodedLength   dl as Lucene decodes it from its one-byte norm (what the score uses)
     * @param averageLength   avgdl, total tokens over N
     */
    public record TermStats(String term, long documents, long documentFreq, long termFreq, int length, int encodedLength, double averageLength) {}

    private Bm25Index(Map<String, TextSegment> segments) {
        this.segments = segments;
        try {
            var config = new IndexWriterConfig(analyzer).setSimilarity(new BM25Similarity(K1, B));
            try (var writer = new IndexWriter(directory, config)) {
                for (var entry : segments.entrySet()) {
                    var doc = new Document();
                    doc.add(new StringField(ID, entry.getKey(), Field.Store.YES));
                    doc.add(new TextField(TEXT, entry.getValue().text(), Field.Store.NO));
                    writer.addDocument(doc);
                }
            }
            reader = DirectoryReader.open(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("Lucene could not write its in-memory index", e);
        }
        searcher = new IndexSearcher(reader);
        searcher.setSimilarity(new BM25Similarity(K1, B));
    }

    /**
     * Indexes {@code segments}, each under {@code idOf.apply(segment)}.
     *
     * @throws IllegalArgumentException if there are no segments, or two segments get the same id
     */
    public static Bm25Index of(List<TextSegment> segments, Function<TextSegment, String> idOf) {
        Objects.requireNonNull(segments, "segments");
        Objects.requireNonNull(idOf, "idOf");
        if (segments.isEmpty()) throw new IllegalArgumentException("there are no segments to index");
        Map<String, TextSegment> byId = new LinkedHashMap<>();
        for (TextSegment s : segments) {
            String id = Objects.requireNonNull(idOf.apply(s), "a segment's id");
            if (byId.putIfAbsent(id, s) != null) {
                throw new IllegalArgumentException("two segments have the id '" + id + "': give each segment its own id");
            }
        }
        return new Bm25Index(byId);
    }

    /** Indexes {@code segments} under {@link Chunks#id}, the ids of the course's Chroma collections. */
    public static Bm25Index of(List<TextSegment> segments) {
        return of(segments, Chunks::id);
    }

    /** Number of indexed segments. */
    public int size() {
        return segments.size();
    }

    /** The segment indexed under {@code id}, or null. */
    public TextSegment segment(String id) {
        return segments.get(id);
    }

    /** The tokens the analyzer makes of {@code text}, in order (what is indexed or searched). */
    public List<String> analyze(String text) {
        List<String> tokens = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream(TEXT, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) tokens.add(term.toString());
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tokens;
    }

    /**
     * The best {@code k} segments for {@code question}, best first. The question is read as plain words
     * (Lucene's query syntax is escaped) joined by OR. A question whose words are all stop words finds nothing.
     *
     * @param k at least 1
     * @throws IllegalArgumentException if k &lt; 1 or the question is blank
     */
    public List<Hit> search(String question, int k) {
        if (k < 1) throw new IllegalArgumentException("k must be at least 1; got " + k);
        Query query = parse(question);
        if (query == null) return List.of();
        try {
            List<Hit> hits = new ArrayList<>();
            for (ScoreDoc sd : searcher.search(query, k).scoreDocs) {
                String id = searcher.storedFields().document(sd.doc).get(ID);
                hits.add(new Hit(id, segments.get(id), sd.score));
            }
            return hits;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lucene's own BM25 score of the segment {@code id} for {@code question} (0 when no term matches). */
    public double score(String question, String id) {
        Query query = parse(question);
        if (query == null) return 0;
        try {
            int doc = docOf(id);
            var explanation = searcher.explain(query, doc);
            return explanation.isMatch() ? explanation.getValue().doubleValue() : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The numbers of the BM25 formula for one analysed term in the segment {@code id}, read from Lucene's index.
     *
     * @param term a term as {@link #analyze} returns it (stemmed, lower case)
     * @throws IllegalArgumentException if no segment has that id
     */
    public TermStats termStats(String term, String id) {
        try {
            int doc = docOf(id);
            CollectionStatistics collection = searcher.collectionStatistics(TEXT);
            long n = reader.docFreq(new Term(TEXT, term));
            long tf = 0;
            int encoded = 0;
            for (LeafReaderContext leaf : reader.leaves()) {
                int local = doc - leaf.docBase;
                if (local < 0 || local >= leaf.reader().maxDoc()) continue;
                PostingsEnum postings = leaf.reader().postings(new Term(TEXT, term), PostingsEnum.FREQS);
                if (postings != null && postings.advance(local) == local) tf = postings.freq();
                NumericDocValues norms = leaf.reader().getNormValues(TEXT);
                if (norms != null && norms.advanceExact(local)) encoded = SmallFloat.byte4ToInt((byte) norms.longValue());
            }
            int length = analyze(segments.get(id).text()).size();
            return new TermStats(term, collection.docCount(), n, tf, length, encoded,
                    (double) collection.sumTotalTermFreq() / collection.docCount());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A LangChain4j retriever over this index: the top {@code maxResults} segments, with the BM25 score as {@link ContentMetadata#SCORE}. */
    public ContentRetriever retriever(int maxResults) {
        if (maxResults < 1) throw new IllegalArgumentException("maxResults must be at least 1; got " + maxResults);
        return query -> search(query.text(), maxResults).stream()
                .map(h -> Content.from(h.segment(), Map.of(ContentMetadata.SCORE, h.score(), ContentMetadata.EMBEDDING_ID, h.id())))
                .toList();
    }

    private Query parse(String question) {
        Objects.requireNonNull(question, "question");
        if (question.isBlank()) throw new IllegalArgumentException("the question is blank");
        try {
            Query query = new QueryParser(TEXT, analyzer).parse(QueryParser.escape(question));
            if (query instanceof BooleanQuery bq && bq.clauses().isEmpty()) return null;
            return query;
        } catch (ParseException e) {
            throw new IllegalArgumentException("Lucene could not read the question '" + question + "': " + e.getMessage(), e);
        } catch (IndexSearcher.TooManyClauses e) {
            throw new IllegalArgumentException("the question has more words than Lucene takes in one query ("
                    + IndexSearcher.getMaxClauseCount() + "): shorten it", e);
        }
    }

    private int docOf(String id) throws IOException {
        var top = searcher.search(new TermQuery(new Term(ID, id)), 1);
        if (top.scoreDocs.length == 0) throw new IllegalArgumentException("no segment has the id '" + id + "'");
        return top.scoreDocs[0].doc;
    }

    @Override
    public void close() {
        try {
            reader.close();
            directory.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
