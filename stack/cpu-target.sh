#!/usr/bin/env bash
# The compiler target Ollama is built for, and a bounded check that the build links for a target.
#
#   cpu-target.sh flags [TARGET]    the flags the course builds Ollama with for TARGET (default native):
#                                   -march=TARGET minus the ISA features whose code the cgo build cannot link
#   cpu-target.sh check [TARGET...] the check below for each target (default: CPU_CHECK_TARGETS in course.env);
#                                   one line per target, exit status 1 if one of them cannot be made to link
#   cpu-target.sh key FLAGS...      the cache key of an Ollama binary built with FLAGS on this machine
#   cpu-target.sh describe FLAGS... what FLAGS mean on this machine, as KEY=value lines (target.env)
#
# Why the target needs choosing: -march=native turns on every ISA macro the CPU has. On an Intel CPU with
# AMX, __AMX_INT8__ makes ggml-cpu.cpp call ggml_backend_amx_buffer_type(), which is defined in
# ggml-cpu/amx/, a folder Ollama's cgo build never compiles (it has no .go file): the link fails after
# every file has compiled. So the course builds with -march=native and removes only what cannot link.
#
# Why this check instead of building Ollama once per target (about 4 minutes of 2 cores each):
# - `go build` compiles, per cgo package, exactly the C/C++ files `go list` names, with the package's
#   #cgo flags and CGO_CFLAGS/CGO_CXXFLAGS, where -march goes. The check reads the same list and flags.
# - Only ggml's packages (ml/backend/ggml/ggml/src/...) test ISA macros; every other cgo package compiles
#   the same whatever the target (tests/test_stack.py fails if that stops being true).
# - For each target it compiles ggml's files with the build's flags at -O0 and lists the symbols the
#   objects call but none of them defines. Those resolved elsewhere (libc, libstdc++, llama.cpp, Go) are
#   missing for the plain x86-64 baseline too and cancel out; a symbol missing only for the target is
#   exactly the link failure above. -O0 only keeps references that optimisation would drop, so it can
#   report too much, never too little. A file the target cannot compile is reported with its first error.
# - When a target leaves symbols undefined, the ISA features it adds over x86-64 are tried, the least
#   used by ggml's sources first, each removed from the files that call the missing symbols, until
#   nothing is missing; then the whole set is compiled again with the final flags to confirm.
# About 20 s per target on 2 cores; each result is cached under $COURSE_CACHE/cpu-check, keyed by this
# script, the Ollama version, the file list and flags, the compiler and the target's macros (so "native"
# on another CPU is a new key).
set -euo pipefail
source "$(dirname "$0")/config.sh"

CHECK_CACHE="$COURSE_CACHE/cpu-check"
CC_BIN=${CC:-gcc}
CXX_BIN=${CXX:-g++}
MODULE="github.com/ollama/ollama"

# shellcheck disable=SC2086  # flag lists are split into words on purpose, here and below
macros() { "$CC_BIN" "$@" -dM -E - </dev/null | awk '$2 ~ /^__[A-Z0-9_]+__$/ {print $2}' | sort -u; }
enabled_options() { "$CC_BIN" "$@" -Q --help=target 2>/dev/null | awk '$2 == "[enabled]" && $1 ~ /^-m[a-z0-9]/ {print $1}' | sort -u; }
march_name() { "$CC_BIN" "$@" -Q --help=target 2>/dev/null | awk '$1 == "-march=" {print $2; exit}'; }

# The SIMD features ggml's CPU code uses, as "compiler macro:name in /proc/cpuinfo".
FEATURE_NAMES="__SSE3__:pni __SSSE3__:ssse3 __SSE4_1__:sse4_1 __SSE4_2__:sse4_2 __AVX__:avx __AVX2__:avx2
__FMA__:fma __F16C__:f16c __BMI2__:bmi2 __AVX512F__:avx512f __AVX512BW__:avx512bw __AVX512DQ__:avx512dq
__AVX512VL__:avx512vl __AVX512CD__:avx512cd __AVX512VBMI__:avx512vbmi __AVX512VNNI__:avx512_vnni
__AVX512BF16__:avx512_bf16 __AVXVNNI__:avx_vnni __AMX_TILE__:amx_tile __AMX_INT8__:amx_int8 __AMX_BF16__:amx_bf16"

module_dir() {  # the Ollama module's source folder in Go's module cache (downloaded when missing)
  command -v go >/dev/null || die "The CPU target check needs Go to read Ollama's file list: install Go 1.26+ (https://go.dev/dl)."
  GOFLAGS=-mod=mod go mod download -json "$MODULE@v$OLLAMA_VERSION" | awk -F'"' '$2 == "Dir" {print $4}'
}

file_list() {  # one line per C/C++ file ggml's cgo packages compile: DIR|COMPILER|FILE|CPPFLAGS|CFLAGS
  local dir
  dir=$(module_dir)
  [ -d "$dir" ] || die "Could not download $MODULE@v$OLLAMA_VERSION: check the network to the Go module proxy, then run the command again."
  # shellcheck disable=SC2016  # a Go template, not a shell expansion
  (cd "$dir" && CGO_ENABLED=1 GOOS=linux GOARCH=amd64 GOFLAGS=-mod=mod go list -f \
    '{{$d := .Dir}}{{$p := join .CgoCPPFLAGS " "}}{{$c := join .CgoCFLAGS " "}}{{$x := join .CgoCXXFLAGS " "}}{{range .CFiles}}{{$d}}|CC|{{.}}|{{$p}}|{{$c}}
{{end}}{{range .CXXFiles}}{{$d}}|CXX|{{.}}|{{$p}}|{{$x}}
{{end}}' ./ml/backend/ggml/ggml/src/...) | grep -v '^$'
}

compile_all() {  # compile_all LIST OUTDIR FLAGS [LINE...]: compile the listed files (all, or the given lines)
  local list=$1 out=$2 flags=$3; shift 3
  mkdir -p "$out"
  if [ $# -eq 0 ]; then set -- $(seq 1 "$(wc -l <"$list")"); fi
  printf '%s\n' "$@" | CHECK_LIST=$list CHECK_OUT=$out CHECK_FLAGS=$flags \
    xargs -P "$(cpu_count)" -n 1 bash "$0" _compile
}

# shellcheck disable=SC2086
compile_one() {  # compile_one N: line N of $CHECK_LIST into $CHECK_OUT/N.o, the compiler's messages in N.err
  local n=$1 dir compiler file pp cf cc
  IFS='|' read -r dir compiler file pp cf < <(sed -n "${n}p" "$CHECK_LIST")
  if [ "$compiler" = CC ]; then cc=$CC_BIN; else cc=$CXX_BIN; fi
  rm -f "$CHECK_OUT/$n.o"
  # The same arguments as go build's (-I . first, CGO_*FLAGS before the package's own), then -O0 for speed.
  (cd "$dir" && $cc -I . -fPIC -m64 -pthread $pp $CHECK_FLAGS $cf -O0 -g0 -w -c "$file" -o "$CHECK_OUT/$n.o") \
    >"$CHECK_OUT/$n.err" 2>&1 || true
}

first_compile_error() {  # first_compile_error LIST OUTDIR: "FILE: first error line" of the first file that did not compile
  local list=$1 out=$2 n=0 dir compiler file rest
  while IFS='|' read -r dir compiler file rest; do
    n=$((n + 1))
    if [ ! -f "$out/$n.o" ]; then
      echo "$file: $(grep -m1 -E 'error|Error' "$out/$n.err" || head -1 "$out/$n.err")"
      return 0
    fi
  done <"$list"
  return 1
}

missing_symbols() {  # missing_symbols OUTDIR: symbols the objects call that none of them defines
  local out=$1
  comm -23 <(nm -u "$out"/*.o | awk 'NF == 2 && $1 ~ /^[Uw]$/ {print $2}' | sort -u) \
           <(nm -g --defined-only "$out"/*.o | awk 'NF == 3 {print $3}' | sort -u)
}

callers() {  # callers LIST OUTDIR SYMBOLFILE: line numbers of the files whose objects call one of the symbols
  local list=$1 out=$2 symbols=$3 n
  for n in $(seq 1 "$(wc -l <"$list")"); do
    [ -f "$out/$n.o" ] && nm -u "$out/$n.o" | awk '{print $NF}' | grep -qxF -f "$symbols" && echo "$n"
  done
  return 0
}

demangle() { if command -v c++filt >/dev/null; then c++filt; else cat; fi; }

result_key() {  # result_key LIST TARGET FLAGS: the cache key of one target's result
  { cat "$0" "$1"; echo "$OLLAMA_VERSION $2 $3"; "$CC_BIN" -dumpfullversion; "$CXX_BIN" -dumpfullversion
    # shellcheck disable=SC2086
    macros $3; } | sha256_text | cut -c1-16
}

baseline_missing() {  # baseline_missing LIST WORK: the symbols missing for plain -march=x86-64 (cached)
  local list=$1 work=$2 file
  file="$CHECK_CACHE/baseline-$(result_key "$list" baseline -march=x86-64).missing"
  if [ ! -f "$file" ]; then
    mkdir -p "$CHECK_CACHE"
    say "cpu check: compiling ggml for the x86-64 baseline (once; about 20 s on 2 cores)" >&2
    compile_all "$list" "$work/baseline" "-march=x86-64"
    if first_compile_error "$list" "$work/baseline" >"$work/baseline.error"; then
      die "ggml does not compile for plain x86-64 ($(cat "$work/baseline.error")): the check cannot run."
    fi
    missing_symbols "$work/baseline" >"$file.tmp" && mv "$file.tmp" "$file"
  fi
  cat "$file"
}

check_target() {  # check_target LIST WORK TARGET: writes and prints the cached result for one target
  local list=$1 work=$2 target=$3 flags key result start out offenders removals="" tried f
  flags="-march=$target"
  key=$(result_key "$list" "$target" "$flags")
  result="$CHECK_CACHE/$target-$key.result"
  if [ -f "$result" ]; then cat "$result"; echo "CACHED=yes"; return 0; fi
  start=$(date +%s)
  say "cpu check: compiling ggml's CPU files for -march=$target at -O0" >&2
  out="$work/$target"
  compile_all "$list" "$out" "$flags"
  local raw status=ok detail=""
  if raw=$(first_compile_error "$list" "$out"); then
    status=fail; detail="does not compile: $raw"
  else
    baseline_missing "$list" "$work" >"$work/base.missing"
    missing_symbols "$out" | comm -23 - "$work/base.missing" >"$work/$target.new"
    if [ ! -s "$work/$target.new" ]; then
      raw="links"
    else
      raw="undefined: $(demangle <"$work/$target.new" | tr '\n' ' ' | sed 's/ $//')"
      # Try removing the features the target adds over x86-64, least used by ggml's sources first.
      offenders=$(callers "$list" "$out" "$work/$target.new" | tr '\n' ' ')
      local sources; sources=$(cut -d'|' -f1 "$list" | sort -u | while read -r d; do ls "$d"/*.c "$d"/*.cpp "$d"/*.h 2>/dev/null || true; done)
      macros "$flags" >"$work/$target.macros"
      tried=""
      for f in $(comm -23 <(enabled_options "$flags") <(enabled_options -march=x86-64)); do
        # shellcheck disable=SC2086
        macros $flags "-mno-${f#-m}" | comm -23 "$work/$target.macros" - >"$work/removed"
        [ -s "$work/removed" ] || continue
        # shellcheck disable=SC2086
        used=$( { grep -lwF -f "$work/removed" $sources || true; } | wc -l | tr -d ' ')
        # A feature no ggml source mentions cannot change which ggml code is compiled.
        if [ "$used" -gt 0 ]; then echo "$used $(wc -l <"$work/removed" | tr -d ' ') $f"; fi
      done | sort -n -k1,1 -k2,2 >"$work/$target.candidates"
      while read -r _ _ f && [ -s "$work/$target.new" ]; do
        tried="$tried $f"
        # shellcheck disable=SC2086
        compile_all "$list" "$work/$target-try" "$flags$removals -mno-${f#-m}" $offenders
        local compiled=yes
        for n in $offenders; do [ -f "$work/$target-try/$n.o" ] || compiled=no; done
        [ "$compiled" = yes ] || continue
        for n in $offenders; do nm -u "$work/$target-try/$n.o"; done | awk '{print $NF}' | sort -u \
          | comm -12 - "$work/$target.new" >"$work/still"
        if [ "$(wc -l <"$work/still")" -lt "$(wc -l <"$work/$target.new")" ]; then
          removals="$removals -mno-${f#-m}"
          mv "$work/still" "$work/$target.new"
        fi
      done <"$work/$target.candidates"
      if [ -n "$removals" ] && [ ! -s "$work/$target.new" ]; then
        flags="$flags$removals"
        say "cpu check: confirming $flags on every file" >&2
        rm -rf "$out"
        compile_all "$list" "$out" "$flags"
        if raw2=$(first_compile_error "$list" "$out"); then
          status=fail; detail="with $flags: does not compile: $raw2"
        else
          missing_symbols "$out" | comm -23 - "$work/base.missing" >"$work/$target.new"
          if [ -s "$work/$target.new" ]; then
            status=fail; detail="with $flags still undefined: $(demangle <"$work/$target.new" | tr '\n' ' ')"
          fi
        fi
      else
        status=fail; detail="no feature removal closes the link (tried:$tried)"
      fi
    fi
  fi
  rm -rf "$out" "$work/$target-try"
  mkdir -p "$CHECK_CACHE"
  { echo "TARGET=$target"; echo "FLAGS=$flags"; echo "STATUS=$status"; echo "RAW=$raw"
    echo "DETAIL=$detail"; echo "SECONDS=$(( $(date +%s) - start ))"; } >"$result.tmp"
  mv "$result.tmp" "$result"
  cat "$result"
}

value() { sed -n "s/^$1=//p"; }

supported_here() {  # the check compiles for x86-64 with GNU tools and reads the file list with Go
  [ "$(uname -s)" = Linux ] && [ "$(uname -m)" = x86_64 ] && command -v "$CC_BIN" >/dev/null && command -v nm >/dev/null \
    && command -v go >/dev/null
}

# A scratch folder for the objects, removed on exit, and the file list. Results are printed from files,
# not from $(...), because bash does not stop on an error inside a command substitution.
prepare() {
  WORK=$(mktemp -d "${TMPDIR:-/tmp}/course-cpu-check.XXXXXX")
  trap 'rm -rf "$WORK"' EXIT
  mkdir -p "$CHECK_CACHE"
  file_list >"$WORK/files"
}

report() {  # report RESULTFILE: one line for a target; returns 1 when it cannot be made to link
  local r=$1 target took
  target=$(value TARGET <"$r")
  took="$(value SECONDS <"$r") s"
  if [ "$(value CACHED <"$r")" = yes ]; then took="cached, took $took"; fi
  if [ "$(value STATUS <"$r")" != ok ]; then
    printf '\033[31m[course] cpu check: %s: %s. %s\033[0m\n' "$target" "$(value RAW <"$r")" "$(value DETAIL <"$r")" >&2
    return 1
  elif [ "$(value RAW <"$r")" = links ]; then
    say "cpu check: $target: links with $(value FLAGS <"$r") ($took)"
  else
    say "cpu check: $target: -march=$target leaves $(value RAW <"$r"); links with $(value FLAGS <"$r") ($took)"
  fi
}

case "${1:-}" in
  _compile) compile_one "$2" ;;
  flags)
    target=${2:-native}
    if ! supported_here; then echo "-march=$target"; exit 0; fi
    prepare
    check_target "$WORK/files" "$WORK" "$target" >"$WORK/result"
    if [ "$(value STATUS <"$WORK/result")" != ok ]; then
      die "No flags make Ollama's CPU code link for -march=$target ($(value RAW <"$WORK/result"); $(value DETAIL <"$WORK/result")): build a portable binary with OLLAMA_CPU_FLAGS=-march=x86-64-v3 make up, and report this line."
    fi
    value FLAGS <"$WORK/result"
    ;;
  check)
    shift
    if ! supported_here; then
      say "cpu check: skipped: it needs Linux on x86-64 with gcc, nm and Go, the machines where the course builds Ollama (this is $(uname -s) $(uname -m)$(command -v go >/dev/null || echo ', no Go'))"
      exit 0
    fi
    if [ $# -eq 0 ]; then IFS=',' read -r -a targets <<<"$CPU_CHECK_TARGETS"; set -- "${targets[@]}"; fi
    prepare
    failed=0
    for target in "$@"; do
      check_target "$WORK/files" "$WORK" "$target" >"$WORK/$target.result"
      report "$WORK/$target.result" || failed=1
    done
    [ "$failed" = 0 ] || die "Ollama's CPU code does not link for every target above: see the red lines."
    ;;
  key)
    shift
    # shellcheck disable=SC2068
    { echo "$OLLAMA_VERSION $*"; "$CC_BIN" -dumpfullversion; macros $@; } | sha256_text | cut -c1-12
    ;;
  describe)
    shift
    features=""
    # shellcheck disable=SC2068
    have=$(macros $@)
    for pair in $FEATURE_NAMES; do
      if grep -qx "${pair%%:*}" <<<"$have"; then features="$features ${pair#*:}"; fi
    done
    echo "FLAGS=$*"
    # shellcheck disable=SC2068
    echo "ARCH=$(march_name $@)"
    echo "FEATURES=${features# }"
    echo "COMPILER=$("$CC_BIN" -dumpfullversion) ($CC_BIN)"
    ;;
  *) die "usage: cpu-target.sh flags [TARGET] | check [TARGET...] | key FLAGS... | describe FLAGS..." ;;
esac
