package genai.stack;

import genai.Checks;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MachineReportTest {

    private static final Set<String> ZEN = Set.of("sse4_2", "avx", "avx2", "fma", "f16c", "avx512f", "avx512bw");

    @Test
    void memoryBelowTheNeedFailsWithAFix() {
        assertTrue(MachineReport.totalMemory(8L << 30).ok());
        MachineReport.Line small = MachineReport.totalMemory(3L << 30);
        assertFalse(small.ok());
        assertEquals("3.0 GiB", small.observed());
        assertTrue(small.verdict().startsWith("fix: "), small.verdict());
        assertFalse(MachineReport.availableMemory(512L << 20).ok());
        assertTrue(MachineReport.availableMemory(2L << 30).ok());
    }

    @Test
    void aFullDiskFailsAndNamesTheCache() {
        MachineReport.Line full = MachineReport.disk(Path.of("/data/cache"), 200L << 20, 3L << 30);
        assertFalse(full.ok());
        assertTrue(full.observed().contains("/data/cache") && full.observed().contains("3.0 GiB"), full.observed());
        assertTrue(full.fix().contains("COURSE_CACHE="), full.fix());
        assertTrue(MachineReport.disk(Path.of("/data/cache"), 5L << 30, 0).ok());
    }

    @Test
    void aBinaryBuiltForFeaturesThisCpuLacksFails() {
        Map<String, String> built = Map.of("ORIGIN", "built", "FLAGS", "-march=sapphirerapids -mno-amx-int8",
                "ARCH", "sapphirerapids", "FEATURES", "avx2 avx512f avx512_vnni amx_tile");
        MachineReport.Line line = MachineReport.ollamaTarget(built, ZEN);
        assertFalse(line.ok());
        assertTrue(line.observed().endsWith("this CPU lacks avx512_vnni amx_tile"), line.observed());
        assertTrue(line.fix().contains("make up"), line.fix());
    }

    @Test
    void aBinaryBuiltForThisCpuPasses() {
        Map<String, String> built = Map.of("ORIGIN", "built", "FLAGS", "-march=native", "ARCH", "znver3", "FEATURES", "avx2 fma avx512f");
        MachineReport.Line line = MachineReport.ollamaTarget(built, ZEN);
        assertTrue(line.ok(), line.observed());
        assertTrue(line.observed().contains("this CPU has all of them"), line.observed());
    }

    @Test
    void anOllamaTheCourseDidNotBuildIsNotJudgedOnItsTarget() {
        assertTrue(MachineReport.ollamaTarget(Map.of("ORIGIN", "external", "URL", "http://gpu:11434"), ZEN).ok());
        assertTrue(MachineReport.ollamaTarget(Map.of("ORIGIN", "installed", "BIN", "/usr/bin/ollama"), ZEN).ok());
        assertTrue(MachineReport.ollamaTarget(Map.of(), ZEN).observed().startsWith("not recorded"));
    }

    @Test
    void readsTheFilesLinuxAndMakeUpWrite(@TempDir Path dir) throws IOException {
        Path meminfo = Files.writeString(dir.resolve("meminfo"), "MemTotal:       24576000 kB\nMemAvailable:    1000 kB\n");
        assertEquals(24576000L * 1024, MachineReport.memInfoBytes(meminfo, "MemTotal"));
        assertEquals(1000L * 1024, MachineReport.memInfoBytes(meminfo, "MemAvailable"));
        assertEquals(-1, MachineReport.memInfoBytes(meminfo, "SwapTotal"));
        Path cpuinfo = Files.writeString(dir.resolve("cpuinfo"), "processor\t: 0\nflags\t\t: fpu sse4_2 avx2 amx_int8\n");
        assertEquals(Set.of("fpu", "sse4_2", "avx2", "amx_int8"), MachineReport.cpuFlags(cpuinfo));
        assertEquals(Set.of(), MachineReport.cpuFlags(dir.resolve("absent")));
        Path env = Files.writeString(dir.resolve("ollama.env"), "ORIGIN=built\nFEATURES=avx2 fma\n# note\n");
        assertEquals(Map.of("ORIGIN", "built", "FEATURES", "avx2 fma"), MachineReport.readEnvFile(env));
    }

    @Test
    void checkPrintsPassLinesAndStopsAtTheFirstShortfall() {
        var good = new MachineReport(List.of(MachineReport.totalMemory(8L << 30), MachineReport.availableMemory(4L << 30)));
        good.check();
        assertEquals(2, good.table().rowCount());
        var bad = new MachineReport(List.of(MachineReport.totalMemory(8L << 30), MachineReport.availableMemory(100L << 20)));
        Checks.CheckFailed e = assertThrows(Checks.CheckFailed.class, bad::check);
        assertTrue(e.getMessage().contains("memory available now") && e.getMessage().contains("fix: close other programs"), e.getMessage());
    }

    @Test
    void thisMachineGivesFourLines() {
        assertEquals(4, MachineReport.ofThisMachine().lines().size());
    }
}
