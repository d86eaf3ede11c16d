package genai.data;

import genai.Embeddings;

import dev.langchain4j.model.embedding.EmbeddingModel;
import org.junit.jupiter.api.Test;

import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.*;

/** Issue 22, point 5: emoji are [UNK] to all-MiniLM-L6-v2; their names are not. */
class EmojiNamesTest {

    /** A menu marked with emoji only: the descriptions do not say vegan, spicy or fish. */
    static final List<String> MENU = List.of(
            "🌱 Garden risotto with peas, asparagus and lemon zest, finished with olive oil. 14 euros.",
            "🌶️ Dan dan noodles with minced pork, chilli oil and Sichuan pepper. 13 euros.",
            "🐟 Grilled sea bass with fennel, capers and boiled potatoes. 19 euros.",
            "🥜 Chicken satay skewers with peanut sauce and cucumber salad. 12 euros.",
            "🍷 Beef stew braised in red wine with carrots and thyme. 18 euros.");

    @Test
    void theTableNamesEmojiAndLeavesOtherTextAlone() {
        assertEquals("I love it slightly smiling face", EmojiNames.named("I love it 🙂"));
        assertEquals("I love it pouting face", EmojiNames.named("I love it 😡"));
        assertEquals("Which dish is hot pepper ?", EmojiNames.named("Which dish is 🌶️?"));
        assertEquals("seedling Garden", EmojiNames.named("🌱 Garden"));
        assertEquals("man personal computer", EmojiNames.named("👨🏽‍💻"), "skin tone and joiner dropped, each part named");
        assertEquals("flag fr Bistro", EmojiNames.named("🇫🇷 Bistro"));
        assertEquals("café, naïve, 北京, x ≠ y? no: plain text", EmojiNames.named("café, naïve, 北京, x ≠ y? no: plain text"));
        assertNull(EmojiNames.named(null));
        assertFalse(EmojiNames.hasEmoji("Menu 2024 — €12"));
        assertTrue(EmojiNames.hasEmoji("ok 👍"));
    }

    @Test
    void namedEmojiSeparateWhatTheirUnknownTokensMerged() {
        EmbeddingModel raw = Embeddings.shared();
        EmbeddingModel named = EmojiNames.namingEmoji(raw);
        double before = Embeddings.cosine(raw.embed("I love it 🙂").content(), raw.embed("I love it 😡").content());
        double after = Embeddings.cosine(named.embed("I love it 🙂").content(), named.embed("I love it 😡").content());
        System.out.printf("cosine('I love it 🙂', 'I love it 😡'): raw %.6f, emoji named %.6f%n", before, after);
        assertTrue(before > 0.9999, "the report's condition: both emoji are [UNK] to the raw model (" + before + ")");
        assertTrue(after < 0.98, "named emoji should tell the two apart: " + after);
    }

    @Test
    void anEmojiQuestionRetrievesTheDishItMarks() {
        EmbeddingModel raw = Embeddings.shared();
        EmbeddingModel named = EmojiNames.namingEmoji(raw);
        for (int dish : List.of(0, 1, 2)) {
            String emoji = MENU.get(dish).substring(0, MENU.get(dish).indexOf(' '));
            String question = "Which dish is " + emoji + "?";
            int rawTop = top(raw, question), namedTop = top(named, question);
            System.out.printf("%s raw top %d, named top %d (want %d)%n", question, rawTop, namedTop, dish);
            assertEquals(dish, namedTop, question);
        }
    }

    private static int top(EmbeddingModel model, String question) {
        var q = model.embed(question).content();
        return IntStream.range(0, MENU.size()).boxed()
                .max(Comparator.comparingDouble(i -> Embeddings.cosine(q, model.embed(MENU.get(i)).content()))).orElseThrow();
    }
}
