// The course set-up. The first cell of every notebook is:
//     %load setup.jsh
//     Course.setUp();
// This file puts the helper library (lib/) and its dependencies on the kernel's classpath, which
// also installs the renderers that show XChart charts and Tablesaw tables, and imports what every
// lesson uses: the facade (genai) and its layers (data, display, http, metrics, stack).
// Course.setUp() then checks Ollama and Chroma. It is a line of its own in the cell, not part of
// this file, because JJava wraps an error raised inside %load in two stack traces, while a cell's
// own error shows as the one sentence that says what to do.
// Build the library with 'make lab' or 'make lib'.
if (!java.nio.file.Files.exists(java.nio.file.Path.of("../lib/target/genai-course-lib.jar"))) throw new IllegalStateException("The course library is not built: run 'make lab' (or 'make lib') in the course folder, then restart the kernel.");
%classpath ../lib/target/classpath/*.jar
%classpath ../lib/target/genai-course-lib.jar
import genai.*;
import genai.data.*;
import genai.display.*;
import genai.http.*;
import genai.metrics.*;
import genai.stack.*;
import static genai.Checks.check;
import java.util.*;
import java.util.stream.*;
import java.time.*;
import dev.langchain4j.data.message.*;
import dev.langchain4j.model.chat.*;
import dev.langchain4j.model.chat.request.*;
import dev.langchain4j.model.chat.response.*;
import org.knowm.xchart.*;
import tech.tablesaw.api.*;
