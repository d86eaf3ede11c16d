package genai;

/**
 * A problem with the learner's set-up, told in one actionable sentence: what is wrong and the
 * command that fixes it.
 *
 * <p>It carries no stack trace on purpose: the notebook shows the sentence, not forty lines of
 * frames that would bury it. Bugs in code still raise ordinary exceptions with full traces.
 */
public class CourseError extends RuntimeException {

    public CourseError(String sentence) {
        super(sentence, null, false, false);
    }

    @Override
    public String toString() {
        // JJava prints toString() of an uncaught exception: keep it to the sentence itself.
        return getMessage();
    }
}
