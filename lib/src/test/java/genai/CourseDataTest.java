package genai;

import dev.langchain4j.data.document.Document;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
}
