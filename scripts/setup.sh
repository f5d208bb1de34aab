#!/usr/bin/env bash
# quizdeck set-up: installs what is missing, builds, then runs the app or the tests.
#
#   bash scripts/setup.sh run    install + build + launch the app on the built-in deck
#   bash scripts/setup.sh test   install + build + run the whole test suite
#                                (normal build, then again under ASan + UBSan)
#   bash scripts/setup.sh deps   only install the Debian packages
#   bash scripts/setup.sh build  only install + build (build/)
#
# Works on a minimal Debian 12 (no compiler, no CMake, no X server). Needs root
# (or sudo) only when packages are missing.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"

PACKAGES=(
  # toolchain
  build-essential cmake pkg-config clang libclang-rt-14-dev git
  # core
  libsqlite3-dev sqlite3 libicu-dev libutf8proc-dev
  # generator data
  libgeonames-dev iso-codes wamerican
  # importers
  libzip-dev libzstd-dev libprotobuf-c-dev protobuf-c-compiler libcsv-dev libjansson-dev
  # front end
  libsdl2-dev libsdl2-ttf-dev libsdl2-image-dev libfontconfig-dev
  fonts-noto-cjk fonts-dejavu-core fontconfig
  # tests
  libcmocka-dev xvfb xauth xdotool x11-utils
  # classroom kiosk (PIN hash)
  libsodium-dev
)

log() { printf 'setup: %s\n' "$*" >&2; }

install_deps() {
  local missing=()
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  if [ ${#missing[@]} -eq 0 ]; then
    log "all ${#PACKAGES[@]} packages present"
    return
  fi
  log "installing ${#missing[@]} missing packages: ${missing[*]}"
  local sudo=""
  if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -q
  $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
}

jobs() { nproc 2>/dev/null || echo 2; }

build() { # build DIR [cmake args...]
  local dir=$1; shift
  cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
  cmake --build "$dir" -j "$(jobs)"
}

cmd=${1:-run}; shift || true
case "$cmd" in
  deps)  install_deps ;;
  build) install_deps; build build ;;
  run)
    install_deps
    build build
    exec ./build/app/quizdeck "$@"
    ;;
  test)
    install_deps
    build build -DQD_WERROR=ON
    (cd build && ctest --output-on-failure -j "$(jobs)" --timeout 600)
    log "again under AddressSanitizer + UBSan"
    build build-asan -DQD_WERROR=ON -DQD_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug
    # (the SDL tests get their leak suppressions from CTest: tests/CMakeLists.txt)
    (cd build-asan && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
       UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
       ctest --output-on-failure -j "$(jobs)" --timeout 900 -LE nosan)
    log "fuzz targets (libFuzzer, bounded time, with ASan + UBSan)"
    CC=clang build build-fuzz -DQD_FUZZ=ON -DQD_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug
    (cd build-fuzz && ctest --output-on-failure -j "$(jobs)" --timeout 300 -L fuzz \
       --no-tests=ignore)
    ;;
  *) echo "usage: $0 run|test|deps|build" >&2; exit 2 ;;
esac
