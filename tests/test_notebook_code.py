"""The notebooks call lib/ for plumbing instead of carrying their own copies.

Reads every notebook's code cells and fails on a definition of a helper that lives in lib/: an HTTP
helper for Ollama or Chroma (genai.http.JsonClient), a handbook or CSV loader (genai.data.CourseData), a median or
timing helper (genai.metrics.Stats), a schema-constrained labelling function (genai.Labeler). Lesson 02 keeps
one visible HttpClient call to show Ollama's wire, and lesson 09 one to show the chat app's server-sent
events (then it uses genai.chat.ChatClient); no other lesson builds an HttpClient.
"""
import json
import re
from pathlib import Path

import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("[0-9][0-9]-*.ipynb"))

# A method definition at the start of a line: a return type, the name, a parameter list, an opening brace.
DEFINITION = r"^[ \t]*(?:static\s+)?[\w<>\[\],.? ]+\s+({names})\s*\([^)]*\)\s*(?:throws\s+[\w., ]+)?\s*\{{"
HTTP_HELPERS = ["send", "post", "read", "get", "sendJson", "getJson", "postJson", "call", "delete"]
DATA_LOADERS = ["readCsv", "readSentences", "loadHandbook", "handbook", "documents"]
STATS = ["median", "medianMillis", "medianLatencyMs", "percentile", "round3", "numbers"]
LABELLING = ["classify", "llmLabel", "classifyTestSplit", "field"]

FORBIDDEN = re.compile(DEFINITION.format(names="|".join(HTTP_HELPERS + DATA_LOADERS + STATS + LABELLING)), re.MULTILINE)
BUILDS_HTTP_CLIENT = re.compile(r"HttpClient\.new(HttpClient|Builder)\(")
SHOWS_THE_WIRE = ("02-", "09-")
HANDBOOK_WALK = re.compile(r'walk\(.*resolve\("handbook"\)|loadDocumentsRecursively\(')


def code_of(path):
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return [(i, "".join(c["source"])) for i, c in enumerate(cells) if c["cell_type"] == "code"]


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_no_plumbing_of_its_own(notebook):
    found = []
    for index, source in code_of(notebook):
        for match in FORBIDDEN.finditer(source):
            found.append(f"cell {index}: defines {match.group(1)}() (lib/ has it)")
        if HANDBOOK_WALK.search(source):
            found.append(f"cell {index}: loads the handbook itself (use CourseData.handbook())")
        if BUILDS_HTTP_CLIENT.search(source) and not notebook.stem.startswith(SHOWS_THE_WIRE):
            found.append(f"cell {index}: builds an HttpClient (use JsonClient.ollama() / JsonClient.chroma(), or the chat app's ChatClient)")
    assert not found, f"{notebook.name}: " + "; ".join(found)


def test_the_pattern_catches_the_old_helpers():
    """The check itself can fail: the helpers the notebooks used to define are caught."""
    old = [
        "JsonNode post(String path, JsonNode body) throws Exception {",
        "double median(List<Double> xs) { var s = xs.stream().sorted().toList(); return s.get(s.size() / 2); }",
        "Table readCsv(String relativePath) {",
        "LlmAnswer llmLabel(String sentence, boolean fewShot) throws Exception {",
        "HttpResponse<String> call(String method, String path, Object body) throws Exception {",
    ]
    for line in old:
        assert FORBIDDEN.search(line), line
    assert not FORBIDDEN.search("JsonNode reply = JsonClient.ollama().post(\"/api/chat\", body);")
    assert BUILDS_HTTP_CLIENT.search("HttpClient http = HttpClient.newBuilder().cookieHandler(jar).build();")
    assert HANDBOOK_WALK.search('try (var walk = Files.walk(Course.dataDir().resolve("handbook"))) {')
