#!/usr/bin/env bash
# DeepRC.NET build entry point (Linux).
#   ./build.sh deps    install the Debian packages the project needs (idempotent)
#   ./build.sh [build] deps + native core (CMake, Release) + managed solution + CLI launcher
#   ./build.sh test    build + native tests (Release and ASan+UBSan) + managed tests + interop checks
#   ./build.sh demo    build + the main job (artifacts/bin/deeprc demo)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT"

NATIVE_BUILD="$ROOT/build/native"
ASAN_BUILD="$ROOT/build/asan"
JOBS="${JOBS:-$(nproc)}"

# Debian 12 packages. Node.js is only needed by the compatibility tests (reference
# implementation from npm) and is accepted from any source that put `node` on the PATH.
APT_PACKAGES=(cmake ninja-build g++ pkg-config git ca-certificates
              libgtest-dev libflatbuffers-dev flatbuffers-compiler
              liblz4-dev libzstd-dev libxxhash-dev clang-14 valgrind
              openmpi-bin libopenmpi-dev mpich libmpich-dev libgloo-dev
              libdlpack-dev libtorch-dev libopenblas0-pthread)

log() { printf '\033[1m==> %s\033[0m\n' "$*"; }
die() { printf 'build.sh: error: %s\n' "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

deps() {
  local missing=() p
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  command -v node >/dev/null 2>&1 || missing+=(nodejs)
  command -v npm >/dev/null 2>&1 || missing+=(npm)
  if [ "${#missing[@]}" -gt 0 ]; then
    log "installing Debian packages: ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
  command -v dotnet >/dev/null 2>&1 || die "the .NET 10 SDK is required (dotnet not found on PATH)"
  if [ -f tests/compat/package.json ] && [ ! -d tests/compat/node_modules/@duckdb/node-api ]; then
    log "installing the reference implementations for compatibility tests (npm: apache-arrow, DuckDB)"
    # `npm install --no-save` rather than `npm ci`: the registry served here lacks the other
    # platforms' optional DuckDB binaries, which `npm ci` insists on finding in the lock file.
    (cd tests/compat && npm install --no-audit --no-fund --no-save --loglevel=error)
  fi
}

configure_native() { # dir, extra cmake args...
  local dir="$1"; shift
  if [ ! -f "$dir/CMakeCache.txt" ]; then
    cmake -S "$ROOT" -B "$dir" -G Ninja "$@"
  fi
}

build() {
  deps
  log "native core (Release)"
  configure_native "$NATIVE_BUILD" -DCMAKE_BUILD_TYPE=Release
  cmake --build "$NATIVE_BUILD" -j "$JOBS"
  log "managed solution"
  dotnet build "$ROOT/DeepRC.sln" -c Release --nologo -v quiet -clp:NoSummary
  log "CLI launcher: artifacts/bin/deeprc"
  dotnet publish "$ROOT/managed/DeepRC.Cli/DeepRC.Cli.csproj" -c Release --nologo -v quiet -o "$ROOT/artifacts/cli"
  mkdir -p "$ROOT/artifacts/bin"
  cat > "$ROOT/artifacts/bin/deeprc" <<'LAUNCHER'
#!/usr/bin/env bash
here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
exec dotnet "$here/../cli/DeepRC.Cli.dll" "$@"
LAUNCHER
  chmod +x "$ROOT/artifacts/bin/deeprc"
}

run_tests() {
  build
  local failed=0
  log "native tests (Release)"
  ctest --test-dir "$NATIVE_BUILD" --output-on-failure -j "$JOBS" || failed=1
  log "native tests (ASan + UBSan)"
  configure_native "$ASAN_BUILD" -DCMAKE_BUILD_TYPE=Debug -DDRC_SANITIZE=ON
  cmake --build "$ASAN_BUILD" -j "$JOBS" --target deeprc_tests
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --test-dir "$ASAN_BUILD" --output-on-failure -j "$JOBS" || failed=1
  log "managed tests"
  dotnet test "$ROOT/DeepRC.sln" -c Release --nologo --no-build -v quiet || failed=1
  if [ "$failed" -ne 0 ]; then
    die "some tests failed (see above)"
  fi
  log "all test suites passed"
}

demo() {
  build
  log "demo: the main job"
  "$ROOT/artifacts/bin/deeprc" demo --dir "$ROOT/artifacts/demo"
}

case "${1:-build}" in
  deps) deps ;;
  build) build ;;
  test) run_tests ;;
  demo) demo ;;
  *) die "unknown command '$1' (use: deps | build | test | demo)" ;;
esac
