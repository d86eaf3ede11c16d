package genai.metrics;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TokensTest {

    @Test
    void lowerCasesAndSplitsOnEverythingThatIsNotALetterOrDigit() {
        assertEquals(List.of("the", "cat", "s", "mat"), Tokens.of("The cat's mat."));
        assertEquals(List.of("e", "mail", "2", "café"), Tokens.of("e-mail 2 Café"));
        assertEquals(List.of("gpt", "4o", "costs", "2", "50"), Tokens.of("GPT-4o costs $2.50!"));
    }

    @Test
    void emptyOrPunctuationOnlyTextHasNoTokens() {
        assertEquals(List.of(), Tokens.of(""));
        assertEquals(List.of(), Tokens.of("  ,.!? -- \n\t"));
    }

    @Test
    void combiningMarksStayInsideTheirWord() {
        // "café" written with a separate combining acute accent (U+0301) is still one token.
        assertEquals(List.of("cafe\u0301", "au", "lait"), Tokens.of("Cafe\u0301 au lait"));
        // Devanagari vowel signs are combining marks: "नमस्ते दुनिया" is two words.
        assertEquals(2, Tokens.of("नमस्ते दुनिया").size());
    }

    @Test
    void nullIsRejected() {
        assertThrows(NullPointerException.class, () -> Tokens.of(null));
    }
}
