package genai.train;

/**
 * One training sequence for supervised fine-tuning: the prompt and the answer as token ids. The loss
 * counts only the answer's tokens (each predicted from everything before it); the prompt is context.
 *
 * @param tokens       prompt then answer
 * @param promptLength how many of {@code tokens} belong to the prompt (≥ 1, &lt; tokens.length)
 */
public record Example(int[] tokens, int promptLength) {

    public Example {
        if (promptLength < 1 || promptLength >= tokens.length) {
            throw new IllegalArgumentException("an example needs a prompt of at least one token and an answer: " + promptLength + " of " + tokens.length);
        }
    }

    /** @return the number of answer tokens, the positions the loss counts. */
    public int answerLength() {
        return tokens.length - promptLength;
    }
}
