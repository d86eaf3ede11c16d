package genai.data;

import genai.CourseError;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The course's {@code data/} folder and the one rule for reading from it: a missing or unreadable course
 * file is one {@link CourseError} sentence naming the file, never an {@link IOException} trace. Every
 * loader in {@code genai.data} reads through here.
 */
public final class DataDir {

    private DataDir() {}

    /**
     * The {@code data/} folder, found by walking up from the working directory, so a notebook finds it
     * whether the kernel starts in {@code notebooks/} or in the repository root.
     *
     * @throws CourseError if no folder above the working directory holds both {@code data/} and {@code notebooks/}
     */
    public static Path find() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("data")) && Files.isDirectory(p.resolve("notebooks"))) {
                return p.resolve("data");
            }
        }
        throw new CourseError("The course's data/ folder is not above " + dir
                + ": open the notebook from the course checkout (make lab does this).");
    }

    /**
     * The course file {@code data/<relativePath>}, checked to exist.
     *
     * @param relativePath a path under {@code data/}, e.g. "tools/requests.csv"
     * @throws CourseError if the file is not there
     */
    public static Path file(String relativePath) {
        Path file = find().resolve(relativePath);
        if (!Files.isRegularFile(file)) {
            throw missing(relativePath);
        }
        return file;
    }

    /** The whole of {@code data/<relativePath>} as UTF-8 text. @throws CourseError if it is missing or unreadable */
    public static String read(String relativePath) {
        Path file = file(relativePath);
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw unreadable(relativePath, e);
        }
    }

    /** The lines of {@code data/<relativePath>} (UTF-8), in file order. @throws CourseError if it is missing or unreadable */
    public static List<String> lines(String relativePath) {
        Path file = file(relativePath);
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw unreadable(relativePath, e);
        }
    }

    /** The sentence for a course file that is not there. */
    public static CourseError missing(String relativePath) {
        return new CourseError("There is no data/" + relativePath + " in the course checkout: check the name against data/README.md.");
    }

    /** The sentence for a course file that is there but cannot be read (permissions, a bad encoding). */
    public static CourseError unreadable(String relativePath, Exception e) {
        return new CourseError("data/" + relativePath + " cannot be read (" + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "): restore it with 'git checkout -- data/" + relativePath + "'.");
    }
}
