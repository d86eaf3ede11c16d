# Generative AI with Java, in notebooks.
#   make lab    set everything up, start Ollama + Chroma, open JupyterLab on http://127.0.0.1:8888
#   make test   lint and unit-test first (seconds), check the CPU targets, set everything up, execute every notebook
# Everything slow (the Ollama build, models, the venv, Maven downloads) is cached under
# $(COURSE_CACHE), outside this folder, and reused by every later run and every clone.

SHELL := /bin/bash
# The course's settings (stack/course.env's constants, and what follows from them and the environment: the cache
# folder, the ports, the URLs) as stack/config.sh derives them for every script; variables set on make's command
# line are handed to it too. The notebooks find the services by URL: when only a port was moved, the URLs follow it.
$(foreach setting,$(shell $(foreach v,$(.VARIABLES),$(if $(filter command line,$(origin $(v))),$(v)='$($(v))')) \
  bash stack/config.sh make),$(eval $(setting)))
export COURSE_CACHE OLLAMA_BASE_URL CHROMA_URL
PY := .venv/bin/python

.PHONY: student grade lab test up down status venv ollama models lib lib-test graph graph-test lib-train lib-train-test chat-app chat-test chat fast cpu-check browser notebooks site lock clean help format-notebooks

help:
	@sed -n '2,3p' Makefile | sed 's/^# *//'
	@echo "  make up | down | status   start, stop, report the services (logs under $(COURSE_CACHE)/run)"
	@echo "  make models               register the course's two models with Ollama again (after a Modelfile changed)"
	@echo "  make chat                 start the services, then the chat app (lesson 09) on http://$(SERVICE_HOST):$(CHAT_PORT)/"
	@echo "  make fast                 only the fast stage: shellcheck, ruff, the unit tests of lib, the chat app, lib-graph and lib-train"
	@echo "  make cpu-check            check that Ollama's CPU code links for the targets in stack/course.env"
	@echo "  make notebooks            execute the notebooks and the repository's checks again (make test without the fast stage)"
	@echo "  make site                 the executed lessons as a static site in build/site/ (runs only lessons build/notebooks/ lacks)"
	@echo "  make format-notebooks     write the notebooks exactly as JupyterLab saves them (make test checks they are)"
	@echo "  make bench | bench-chat   benchmarks, not part of make test: the course against Python tools; the chat app under load"
	@echo "  make student              the student notebooks (solutions removed, self-checks kept) in build/student/ to hand out"
	@echo "  make grade DIR=folder     grade a folder of submissions (one sub-folder per student): build/grades/ (table, feedback)"
	@echo "  make lock                 regenerate stack/requirements.lock from stack/requirements.txt"
	@echo "  make clean                delete build/ and the Maven targets (the cache in $(COURSE_CACHE) stays)"

venv:
	@bash stack/install-python.sh

ollama:
	@bash stack/install-ollama.sh

up: venv ollama
	@bash stack/services.sh up
	@bash stack/install-models.sh

models: up

down:
	@bash stack/services.sh down

status:
	@bash stack/services.sh status

# The Java modules, each built one way: through the Maven reactor of the root pom.xml (the parent that pins every
# plugin and shared version), as 'mvn -pl MODULE -am', so a module always compiles against this checkout's lib/,
# never a copy in ~/.m2. $(call reactor,MODULE,MAVEN ARGUMENTS) first deletes the classpath folders it refills (the
# module's and lib's, which -am packages too), because a jar left there by an older pom would still be loaded by the
# lessons' classpath/*.jar.
reactor = rm -rf $(sort lib/target/classpath $(1)/target/classpath) && $(MVN) -pl $(1) -am package $(2)
MVN := mvn -B --no-transfer-progress
# A jar target is rebuilt only when one of its module's sources, its pom, the parent pom or a module it needs changed.
# -q for the builds; the test targets print Maven's test summary. -Dtest selects one module's tests (the reactor
# would run lib's again), and selecting none in lib is not an error.
BUILD := -q -DskipTests
TESTS_OF = -Dtest='$(1)' -Dsurefire.failIfNoSpecifiedTests=false
LIB_JAR := lib/target/genai-course-lib.jar
# stack/course.env goes into lib's jar (CourseConfig reads its defaults from it).
LIB_SOURCES := pom.xml lib/pom.xml stack/course.env $(shell find lib/src -type f 2>/dev/null)

lib: venv $(LIB_JAR)

$(LIB_JAR): $(LIB_SOURCES)
	@echo "[course] building the helper library (lib/)"
	@$(call reactor,lib,$(BUILD))

lib-test: venv
	@echo "[course] helper library: build and unit tests"
	@$(call reactor,lib,)

# Lesson 13's module (lib-graph: embedded Neo4j, about 200 jars), kept out of lib/ so the other lessons and the chat
# app do not load Neo4j.
GRAPH_JAR := lib-graph/target/genai-course-graph.jar
GRAPH_SOURCES := pom.xml lib-graph/pom.xml $(shell find lib-graph/src -type f 2>/dev/null)

graph: lib $(GRAPH_JAR)

$(GRAPH_JAR): $(GRAPH_SOURCES) $(LIB_JAR)
	@echo "[course] building the knowledge-graph module (lib-graph/, lesson 13)"
	@$(call reactor,lib-graph,$(BUILD))

graph-test: venv
	@echo "[course] knowledge-graph module: build and unit tests"
	@$(call reactor,lib-graph,$(call TESTS_OF,genai.graph.**))

# Lesson 11's training module (lib-train/: DJL + libtorch, 112 MB from Maven Central, cached in ~/.m2); its own
# classpath folder holds only what lib's lacks.
TRAIN_JAR := lib-train/target/genai-course-train.jar
TRAIN_SOURCES := pom.xml lib-train/pom.xml $(shell find lib-train/src -type f 2>/dev/null)

lib-train: lib $(TRAIN_JAR)

$(TRAIN_JAR): $(TRAIN_SOURCES) $(LIB_JAR)
	@echo "[course] building the training module (lib-train/, lesson 11; the first build downloads libtorch, about 112 MB)"
	@$(call reactor,lib-train,$(BUILD))

# libtorch unpacks from its jar into DJL_CACHE_DIR, never downloads (-Dai.djl.offline=true in lib-train/pom.xml).
lib-train-test: venv
	@echo "[course] training module: build and unit tests"
	@export DJL_CACHE_DIR="$(COURSE_CACHE)/djl" && $(call reactor,lib-train,$(call TESTS_OF,genai.train.**))

# The chat app (apps/chat, lesson 09).
CHAT_JAR := apps/chat/target/genai-chat-app.jar
CHAT_SOURCES := pom.xml apps/chat/pom.xml $(shell find apps/chat/src -type f 2>/dev/null)

chat-app: lib $(CHAT_JAR)

$(CHAT_JAR): $(CHAT_SOURCES) $(LIB_JAR)
	@echo "[course] building the chat app (apps/chat)"
	@$(call reactor,apps/chat,$(BUILD))

chat-test: venv
	@echo "[course] chat app: build and unit tests"
	@$(call reactor,apps/chat,$(call TESTS_OF,genai.chat.**))

# The app in the foreground on 127.0.0.1:$(CHAT_PORT) (Ctrl-C stops it); CHAT_HOST, CHAT_DOCS, CHAT_SYSTEM_PROMPT,
# CHAT_MAX_UPLOAD_MB and COURSE_CHAT_MODEL change it (apps/chat/README.md). ONNX Runtime unpacks into java.io.tmpdir.
# stack/run-chat.sh is the one command line the tests and the benchmark start the app with too.
chat: up chat-app
	@bash stack/run-chat.sh

# JupyterLab with the course's settings (stack/jupyter_lab_config.py: no news pop-up, a fixed port); it
# prints the address with its token, the one that opens.
lab: up lib graph lib-train chat-app
	@bash stack/lab.sh

# The notebooks and the checks of the repository's own files, in one pytest run.
RUN_NOTEBOOKS = echo "[course] executing the notebooks with the Java kernel" && $(PY) -m pytest -p no:cacheprovider tests/

# Debian's Chromium and chromedriver for the chat app's browser test (tests/test_chat_browser.py), when missing.
browser:
	@bash stack/install-browser.sh

notebooks: up lib graph lib-train chat-app browser
	@$(RUN_NOTEBOOKS)

# The fast stage: what fails on a typo, before anything slow starts.
fast: venv
	@start=$$(date +%s); bash stack/lint.sh && $(MAKE) --no-print-directory lib-test chat-test graph-test lib-train-test \
	  && echo "[course] fast stage (shellcheck, ruff, the library's, the chat app's, the graph and the training modules' unit tests) passed in $$(( $$(date +%s) - start )) s"

# Ollama's CPU code compiled and checked for each target in CPU_CHECK_TARGETS (stack/cpu-target.sh says
# why this stands in for building Ollama once per target); cached, so a second run takes a second.
cpu-check:
	@bash stack/cpu-target.sh check

test: fast cpu-check up lib graph lib-train chat-app browser
	@$(RUN_NOTEBOOKS)

# The executed course as a site (stack/build_site.py: mkdocs-material + mkdocs-jupyter, search, a stamp on every page)
# from the executed lessons make test leaves in build/notebooks/; the stack is started only when a lesson is missing.
site: venv
	@$(PY) -m stack.build_site --check || $(MAKE) --no-print-directory up lib graph lib-train chat-app
	@$(PY) -m stack.build_site --run-missing

# Every lesson in the form JupyterLab saves (stack/format-notebooks.py says what that is and how it was found),
# so opening one changes nothing git sees; tests/test_notebook_form.py fails when one is not.
format-notebooks: venv
	@$(PY) stack/format-notebooks.py

# Student versions and autograding with nbgrader (stack/grading.py says how an exercise is marked); nbgrader's
# course folder is build/grading/. Grading runs every submitted notebook, so it needs what make test needs.
student: venv
	@$(PY) stack/grading.py student

grade: up lib graph lib-train chat-app
	@$(PY) stack/grading.py grade "$(DIR)"

lock:
	@python3 -m venv /tmp/course-lock-venv && /tmp/course-lock-venv/bin/pip install --quiet -r stack/requirements.txt
	@{ echo "# Exact versions of every Python package in the course venv (generated from requirements.txt by 'make lock')."; \
	   /tmp/course-lock-venv/bin/pip freeze; } > stack/requirements.lock && rm -rf /tmp/course-lock-venv
	@echo "[course] stack/requirements.lock updated"

clean:
	rm -rf build lib/target apps/chat/target lib-graph/target lib-train/target

# Benchmarks, not part of 'make test': the course's Java pipelines against the Python tools, on this
# machine, in one run (bench/README.md). Installs its own pinned venv; writes bench/results/ and README.md's Performance section.
.PHONY: bench bench-chat
bench: up lib lib-train chat-app
	@bash bench/run.sh
	@$(PY) -m bench.python.chat_load

# The chat app of lesson 09 under load: 8 sessions at once, time to first token and to the full reply,
# replies lost (bench/python/chat_load.py; writes bench/results/chat-load.md).
bench-chat: up chat-app
	@$(PY) -m bench.python.chat_load
