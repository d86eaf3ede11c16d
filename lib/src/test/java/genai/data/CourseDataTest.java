package genai.data;

import genai.CourseError;
import genai.Embeddings;

import dev.langchain4j.data.document.Document;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reads the real data/ folder of the checkout (the tests run in lib/, one level below it). */
class CourseDataTest {

    @Test
    void theHandbookHas53DocumentsWithTheirMetadata() {
        List<Document> docs = CourseData.handbook();
        assertEquals(53, docs.size());
        Document first = docs.get(0);
        assertEquals("event-01", first.metadata().getString(CourseData.DOC_ID));
        assertEquals("events-and-rooms", first.metadata().getString(CourseData.SECTION));
        assertTrue(first.text().startsWith("# " + first.metadata().getString(CourseData.TITLE) + "\n"));
        assertFalse(first.metadata().getString(CourseData.TITLE).startsWith("#"));
        Set<String> sections = docs.stream().map(d -> d.metadata().getString(CourseData.SECTION)).collect(Collectors.toSet());
        assertEquals(6, sections.size());
    }

    @Test
    void everyQuestionNamesAHandbookDocument() {
        Set<String> ids = CourseData.handbook().stream().map(d -> d.metadata().getString(CourseData.DOC_ID)).collect(Collectors.toSet());
        var questions = CourseData.handbookQuestions();
        assertEquals(105, questions.size());
        assertTrue(questions.stream().allMatch(q -> ids.contains(q.passageId())));
        assertTrue(questions.stream().noneMatch(q -> q.question().isBlank() || q.referenceAnswer().isBlank()));
    }

    @Test
    void sentimentSplitsAreBalancedAndDisjoint() {
        assertEquals(15, CourseData.trainSentences().size());
        assertEquals(33, CourseData.testSentences().size());
        for (String label : CourseData.SENTIMENT_LABELS) {
            assertEquals(11, CourseData.testSentences().stream().filter(s -> s.label().equals(label)).count(), label);
        }
        assertEquals(60, CourseData.trainingExtra().size());
        Set<String> test = CourseData.testSentences().stream().map(CourseData.Sentence::text).collect(Collectors.toSet());
        assertTrue(CourseData.trainingExtra().stream().noneMatch(s -> test.contains(s.text())));
    }

    @Test
    void theOtherFilesLoadAsRecords() {
        assertEquals(18, CourseData.products().size());
        assertTrue(CourseData.products().stream().allMatch(p -> p.priceEur() > 0));
        assertEquals(12, CourseData.articles().size());
        assertEquals(24, CourseData.judgedAnswers().size());
        assertEquals(10, CourseData.essayQuestions().size());
        assertEquals(2, CourseData.essayQuestions().stream().filter(q -> q.note().equals("keyword trap")).count());
        assertTrue(CourseData.essay().startsWith("# "));
        assertEquals(new HashSet<>(List.of("id", "text", "label", "split")),
                new HashSet<>(CourseData.table("sentiment/sentences.csv").columnNames()));
    }

    @Test
    void anUnknownFileIsOneSentence() {
        CourseError e = org.junit.jupiter.api.Assertions.assertThrows(CourseError.class, () -> CourseData.table("nope/x.csv"));
        assertEquals("There is no data/nope/x.csv in the course checkout: check the name against data/README.md.", e.getMessage());
    }

    @Test
    void everyAttackFamilyHasAtLeastEightAttacksAndEightBenignRequests() {
        List<CourseData.Attack> rows = CourseData.attacks();
        assertTrue(rows.stream().filter(CourseData.Attack::isAttack).count() >= 64);
        assertTrue(rows.stream().filter(a -> !a.isAttack()).count() >= 64);
        for (CourseData.AttackFamily family : CourseData.ATTACK_FAMILIES) {
            for (boolean attack : List.of(true, false)) {
                long n = rows.stream().filter(a -> a.family().equals(family.name()) && a.isAttack() == attack).count();
                assertTrue(n >= 8, family.name() + (attack ? " attacks: " : " benign: ") + n);
            }
        }
    }

    @Test
    void attackRowsHaveUniqueIdsAndAFamilyConsistentWithOwaspAndTarget() {
        List<CourseData.Attack> rows = CourseData.attacks();
        assertEquals(rows.size(), rows.stream().map(CourseData.Attack::id).distinct().count());
        assertEquals(rows.size(), rows.stream().map(a -> a.text().strip().toLowerCase(Locale.ROOT)).distinct().count(), "a text appears twice");
        for (CourseData.Attack a : rows) {
            assertTrue(Set.of("attack", "benign").contains(a.kind()), a.id());
            assertTrue(a.id().matches(a.isAttack() ? "A\\d{3}" : "B\\d{3}"), a.id());
            CourseData.AttackFamily family = CourseData.ATTACK_FAMILIES.stream().filter(f -> f.name().equals(a.family()))
                    .findFirst().orElseThrow(() -> new AssertionError(a.id() + ": unknown family " + a.family()));
            assertEquals(family.owasp(), a.owasp(), a.id());
            assertEquals(family.target(), a.target(), a.id());
            assertFalse(a.text().isBlank(), a.id());
        }
    }

    /** So a keyword filter's false-positive rate means something: the words it looks for occur innocently. */
    @Test
    void benignRequestsUseTheWordsAKeywordFilterLooksFor() {
        List<String> benign = CourseData.attacks().stream().filter(a -> !a.isAttack()).map(a -> a.text().toLowerCase(Locale.ROOT)).toList();
        for (String word : List.of("ignore", "system", "delete", "drop", "script", "order", "repeat", "forget", "password", "instructions")) {
            assertTrue(benign.stream().anyMatch(t -> t.contains(word)), word);
        }
    }

    @Test
    void placeholdersAppearExactlyWhereTheLessonReplacesThem() {
        for (CourseData.Attack a : CourseData.attacks()) {
            boolean wantsMarker = a.isAttack() && a.family().equals("direct-injection");
            assertEquals(wantsMarker, a.text().contains(CourseData.MARKER), a.id());
            assertFalse(a.text().replace(CourseData.MARKER, "").contains("{{"), a.id() + " has another placeholder");
        }
        List<Document> poisoned = CourseData.securityDocuments("poisoned");
        assertTrue(poisoned.size() >= 2 && poisoned.size() <= 3);
        for (Document d : poisoned) {
            assertTrue(d.text().contains(CourseData.MARKER), d.metadata().getString(CourseData.DOC_ID));
            assertFalse(d.text().contains(CourseData.CANARY), d.metadata().getString(CourseData.DOC_ID));
        }
        List<Document> confidential = CourseData.securityDocuments("confidential");
        assertTrue(confidential.size() >= 1 && confidential.size() <= 2);
        for (Document d : confidential) {
            assertTrue(d.text().contains(CourseData.CANARY), d.metadata().getString(CourseData.DOC_ID));
            assertFalse(d.text().contains(CourseData.MARKER), d.metadata().getString(CourseData.DOC_ID));
            assertEquals("confidential", d.metadata().getString(CourseData.SECTION));
        }
    }

    /** E-mails on the domains reserved for examples (RFC 2606), phones in Ofcom's ranges kept for drama. */
    @Test
    void theConfidentialPersonalDataIsInventedAndInReservedRanges() {
        Pattern email = Pattern.compile("[\\w.+-]+@[\\w.-]+\\.[a-z]+");
        Pattern phone = Pattern.compile("\\b0\\d{3,4} ?\\d{6}\\b");
        Set<String> emails = new HashSet<>();
        Set<String> phones = new HashSet<>();
        for (Document d : CourseData.securityDocuments("confidential")) {
            email.matcher(d.text()).results().forEach(m -> emails.add(m.group()));
            phone.matcher(d.text()).results().forEach(m -> phones.add(m.group()));
        }
        assertTrue(emails.size() >= 3 && phones.size() >= 3, emails + " " + phones);
        assertTrue(emails.stream().allMatch(e -> e.endsWith("@example.org") || e.endsWith("@example.com")), emails.toString());
        assertTrue(phones.stream().allMatch(p -> p.matches("07700 900\\d{3}|01632 960\\d{3}")), phones.toString());
    }

    @Test
    void securityDocumentsLookLikeHandbookDocuments() {
        Set<String> handbookIds = CourseData.handbook().stream().map(d -> d.metadata().getString(CourseData.DOC_ID)).collect(Collectors.toSet());
        for (String folder : List.of("poisoned", "confidential")) {
            for (Document d : CourseData.securityDocuments(folder)) {
                String id = d.metadata().getString(CourseData.DOC_ID);
                assertTrue(d.text().startsWith("# " + d.metadata().getString(CourseData.TITLE) + "\n"), id);
                assertEquals(folder, d.metadata().getString(CourseData.SECTION));
                assertFalse(handbookIds.contains(id), id + " clashes with a handbook document");
                int words = d.text().split("\\s+").length;
                assertTrue(words >= 90 && words <= 220, id + ": " + words + " words");
            }
        }
    }

    @Test
    void anUnknownSecurityFolderIsOneSentence() {
        CourseError e = assertThrows(CourseError.class, () -> CourseData.securityDocuments("handbook"));
        assertEquals("There is no security document folder 'handbook': use \"poisoned\" or \"confidential\" (see data/security/README.md).",
                e.getMessage());
    }

    /** The similarity detector must be measured on attacks it was not given (all-MiniLM-L6-v2, in-process). */
    @Test
    void knownAttacksAreNeitherCopiedNorNearCopiedFromTheAttackSet() {
        List<String> known = CourseData.knownAttacks();
        assertTrue(known.size() >= 30 && known.size() <= 50, "known attacks: " + known.size());
        assertEquals(known.size(), known.stream().map(k -> k.toLowerCase(Locale.ROOT)).distinct().count());
        Set<String> rows = CourseData.attacks().stream().map(a -> a.text().strip().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        assertTrue(known.stream().noneMatch(k -> rows.contains(k.toLowerCase(Locale.ROOT))));
        EmbeddingModel model = Embeddings.shared();
        List<Embedding> knownVectors = model.embedAll(known.stream().map(TextSegment::from).toList()).content();
        List<Embedding> rowVectors = model.embedAll(CourseData.attacks().stream().map(a -> TextSegment.from(a.text())).toList()).content();
        double max = 0;
        for (Embedding k : knownVectors) {
            for (Embedding r : rowVectors) {
                max = Math.max(max, Embeddings.cosine(k, r));
            }
        }
        assertTrue(max < 0.95, "max cosine " + max);
    }

    /**
     * Whole documents ranked by cosine to the question, as a naive RAG over the handbook plus one
     * security folder would: every indirect-injection attack retrieves a poisoned document in its top 3
     * and no benign question of that family does; every sensitive-disclosure attack retrieves a
     * confidential document in its top 3.
     */
    @Test
    void injectionAndDisclosureQuestionsRetrieveTheirPlantedDocuments() {
        assertTopThree("poisoned", "indirect-injection");
        assertTopThree("confidential", "sensitive-disclosure");
    }

    private static List<Embedding> handbookVectors;

    /** The handbook's 53 vectors, computed once: on two busy cores they take most of this test's time. */
    private static synchronized List<Embedding> handbookVectors() {
        if (handbookVectors == null) {
            handbookVectors = Embeddings.shared().embedAll(CourseData.handbook().stream().map(Document::toTextSegment).toList()).content();
        }
        return handbookVectors;
    }

    private static void assertTopThree(String folder, String family) {
        EmbeddingModel model = Embeddings.shared();
        List<Document> docs = new ArrayList<>(CourseData.handbook());
        List<Document> planted = CourseData.securityDocuments(folder);
        docs.addAll(planted);
        List<Embedding> vectors = new ArrayList<>(handbookVectors());
        vectors.addAll(model.embedAll(planted.stream().map(Document::toTextSegment).toList()).content());
        for (CourseData.Attack row : CourseData.attacks()) {
            if (!row.family().equals(family)) continue;
            Embedding q = model.embed(row.text()).content();
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < docs.size(); i++) order.add(i);
            order.sort(Comparator.comparingDouble(i -> -Embeddings.cosine(q, vectors.get(i))));
            boolean hit = order.subList(0, 3).stream().anyMatch(i -> docs.get(i).metadata().getString(CourseData.SECTION).equals(folder));
            if (row.isAttack()) {
                assertTrue(hit, row.id() + " does not retrieve a " + folder + " document: " + row.text());
            } else if (family.equals("indirect-injection")) {
                assertFalse(hit, row.id() + " is benign but retrieves a poisoned document: " + row.text());
            }
        }
    }
}
