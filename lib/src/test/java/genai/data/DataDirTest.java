package genai.data;

import genai.CourseError;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.AccessDeniedException;

import static org.junit.jupiter.api.Assertions.*;

class DataDirTest {

    @Test
    void findsTheCheckoutsDataFolderFromLib() {
        assertTrue(DataDir.find().resolve("README.md").toFile().isFile());
        assertEquals("data", DataDir.find().getFileName().toString());
    }

    @Test
    void readsACourseFile() {
        assertTrue(DataDir.read("essay/what-makes-a-good-library.md").startsWith("# "));
        assertFalse(DataDir.lines("security/known-attacks.txt").isEmpty());
    }

    @Test
    void aMissingFileIsOneSentenceNamingIt() {
        for (Runnable call : new Runnable[] {() -> DataDir.read("nope/x.md"), () -> DataDir.lines("nope/x.txt"), () -> DataDir.file("nope/y.csv")}) {
            CourseError e = assertThrows(CourseError.class, call::run);
            assertTrue(e.getMessage().startsWith("There is no data/nope/"), e.getMessage());
            assertFalse(e.getMessage().contains("\n"));
        }
    }

    @Test
    void anUnreadableFileSaysHowToRestoreIt() {
        IOException denied = new AccessDeniedException("/x/data/essay/e.md");
        String message = DataDir.unreadable("essay/e.md", denied).getMessage();
        assertEquals("data/essay/e.md cannot be read (AccessDeniedException: /x/data/essay/e.md): restore it with"
                + " 'git checkout -- data/essay/e.md'.", message);
    }

    @Test
    void theHandbookIsReadThroughDataDir() {
        // securityDocuments checks its folder name itself; the handbook folder is read through DataDir
        assertEquals(53, CourseData.handbook().size());
    }
}
