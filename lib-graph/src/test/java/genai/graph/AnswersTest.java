package genai.graph;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class AnswersTest {

    static final List<String> NAMES = List.of("Beit Zaatar", "Masala Steps", "Kibbeh", "Baklava", "Hummus",
            "Butter chicken", "Mini butter chicken with rice", "Mango kulfi", "Moussaka'a", "Mezze platter");

    @Test
    void aSetMatchesInAnyOrderAndCase() {
        assertTrue(Answers.sameSet(List.of("Baklava", "kibbeh"), List.of("Kibbeh", "Baklava")));
        assertFalse(Answers.sameSet(List.of("Kibbeh"), List.of("Kibbeh", "Baklava")));
    }

    @Test
    void aReplyNeedsEveryItemAndNoWrongName() {
        String q = "Which dishes at Beit Zaatar contain nuts?";
        assertTrue(Answers.replyMatches("At Beit Zaatar the Kibbeh and the baklava contain nuts.", List.of("Kibbeh", "Baklava"), NAMES, q));
        assertFalse(Answers.replyMatches("The Kibbeh contains nuts.", List.of("Kibbeh", "Baklava"), NAMES, q), "one missing");
        assertFalse(Answers.replyMatches("Kibbeh, Baklava and Hummus.", List.of("Kibbeh", "Baklava"), NAMES, q), "a wrong extra dish");
        assertTrue(Answers.replyMatches("Mini butter chicken with rice (menu: Masala Steps)", List.of("Mini butter chicken with rice"), NAMES,
                "Which children's dish at Masala Steps has nuts?"), "a name inside a longer expected name is no extra");
        assertTrue(Answers.replyMatches("Moussaka'a, at Beit Zaatar.", List.of("Moussaka'a"), NAMES, "Which vegetarian dishes at Beit Zaatar contain no gluten?"));
    }

    @Test
    void numbersMatchByValueAndCountsByWord() {
        assertTrue(Answers.replyMatches("It costs €13.", List.of("13.00"), NAMES, "How much is the Shiro?"));
        assertTrue(Answers.replyMatches("Masala Steps has four vegetarian dishes.", List.of("4"), NAMES, "How many at Masala Steps?"));
        assertFalse(Answers.replyMatches("It costs €13.50.", List.of("13.00"), NAMES, "How much is the Shiro?"));
        assertFalse(Answers.replyMatches("It costs 113 euros.", List.of("13.00"), NAMES, "How much is the Shiro?"));
    }
}
