package genai;

/**
 * The assertions of a notebook's check cells. A passing check prints one line; a failing one stops
 * the notebook (and so fails {@code make test}) with what was expected and what came instead.
 */
public final class Checks {

    private Checks() {}

    public static final class CheckFailed extends CourseError {
        public CheckFailed(String sentence) {
            super(sentence);
        }
    }

    public static void check(String what, boolean holds) {
        check(what, holds, null);
    }

    public static void check(String what, boolean holds, Object observed) {
        if (!holds) {
            throw new CheckFailed("CHECK FAILED: " + what + (observed == null ? "" : " (got: " + observed + ")"));
        }
        System.out.println("✔ " + what + (observed == null ? "" : " (" + observed + ")"));
    }
}
