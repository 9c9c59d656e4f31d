#!/usr/bin/env bash
# Builds qik in release mode and installs `qik` and `qikx` into ${PREFIX:-/usr/local}/bin.
# Idempotent: a second run only rebuilds what changed (SwiftPM's incremental build) and re-copies the binaries.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
PREFIX="${PREFIX:-/usr/local}"

if ! command -v swift >/dev/null 2>&1; then
    echo "qik needs a Swift 6 toolchain: install it from https://www.swift.org/install/ and run ./install.sh again." >&2
    exit 1
fi

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo "$@"; else "$@"; fi; }

if ! pkg-config --exists libgit2 2>/dev/null; then
    case "$(uname -s)" in
        Darwin) echo "qik needs libgit2: run 'brew install libgit2 pkg-config' and then ./install.sh again." >&2; exit 1 ;;
        *)
            if command -v apt-get >/dev/null 2>&1; then
                echo "Installing libgit2-dev and pkg-config with apt-get…"
                as_root apt-get update -qq
                as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libgit2-dev pkg-config >/dev/null
            else
                echo "qik needs libgit2 (development files) and pkg-config: install them with your package manager." >&2
                exit 1
            fi
            ;;
    esac
fi

# A statically linked Swift runtime starts about three times faster (hooks and CI steps start qik often).
static=(--static-swift-stdlib)
[ "$(uname -s)" = Darwin ] && static=()
# A position-dependent executable needs none of the ~96,000 start-up relocations a PIE of this size makes the
# dynamic loader apply (a fifth of `qik --ls`); the cost is no address randomisation of qik's own code.
[ "$(uname -s)" = Linux ] && static+=(-Xswiftc -Xclang-linker -Xswiftc -no-pie)
# On Linux, link libgit2 and its dependencies statically when their archives are installed (Debian's
# libgit2-dev ships them): it drops twenty shared libraries from every start (see Sources/CLibgit2/static).
libdir="$(pkg-config --variable=libdir libgit2 2>/dev/null || true)"
if [ "$(uname -s)" = Linux ] && [ -f "$libdir/libgit2.a" ] && command -v clang >/dev/null 2>&1 && command -v ar >/dev/null 2>&1; then
    # A pkg-config file of our own points the libgit2 system-library target at a directory holding only the
    # archives, so `-lgit2` and its dependencies resolve to .a files.
    archives="$PWD/.build/static-libgit2"
    mkdir -p "$archives/pkgconfig"
    clang -O2 -fPIC -c Sources/CLibgit2/static/gssapi_stubs.c -o "$archives/gssapi-stubs.o"
    ar rcs "$archives/libqikgssapi.a" "$archives/gssapi-stubs.o"
    libs="-L$archives -lgit2"
    for lib in mbedtls mbedx509 mbedcrypto http_parser ssh2 crypto pcre2-8 z; do
        if [ -f "$libdir/lib$lib.a" ]; then
            ln -sf "$libdir/lib$lib.a" "$archives/lib$lib.a"
            libs="$libs -l$lib"
        fi
    done
    ln -sf "$libdir/libgit2.a" "$archives/libgit2.a"
    printf 'Name: libgit2\nDescription: libgit2, static (qik install.sh)\nVersion: %s\nCflags: %s\nLibs: %s -lqikgssapi -lrt\n' \
        "$(pkg-config --modversion libgit2)" "$(pkg-config --cflags libgit2)" "$libs" > "$archives/pkgconfig/libgit2.pc"
    export PKG_CONFIG_PATH="$archives/pkgconfig${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"
    # CGitStartup defines two mbedTLS entry points to defer the CA-bundle parse; with static archives the first
    # definition (qik's) must win, as it does through dynamic interposition.
    static+=(-Xlinker --allow-multiple-definition)
fi
# Concrete generic types (Set<[UInt8]>, [String: String]) get metadata accessors that pass their conformances
# directly, instead of a mangled name the runtime decodes: decoding looks each conformance up by scanning all of
# the binary's ~5,800 conformance records once (about 0.3 ms of a `qik --since`).
static+=(-Xswiftc -Xfrontend -Xswiftc -disable-concrete-type-metadata-mangled-name-accessors)
# libstdc++ (for toml++ and Foundation's C++ parts) from its archive when there is one: the dynamic loader then
# neither maps it nor binds its symbols at every start (the largest share of the loader's work).
# Asked of clang first: it is the linker driver, and the GCC installation it picks is the one whose archive fits.
# `-print-file-name` prints the bare name when it finds nothing, so the first absolute path wins.
cxx_archive=""
for compiler in clang c++ gcc; do
    candidate="$("$compiler" -print-file-name=libstdc++.a 2>/dev/null || true)"
    if [ "${candidate#/}" != "$candidate" ] && [ -f "$candidate" ]; then cxx_archive="$candidate"; break; fi
done
if [ "$(uname -s)" = Linux ] && [ -n "$cxx_archive" ]; then
    mkdir -p .build/static-cxx
    ln -sf "$cxx_archive" .build/static-cxx/libstdc++.a
    static+=(-Xlinker -L"$PWD/.build/static-cxx")
fi
swift build -c release "${static[@]}" --product qik
swift build -c release "${static[@]}" --product qikx
bin="$(swift build -c release --show-bin-path)"

install_file() { # source destination mode
    if ! cmp -s "$1" "$2" 2>/dev/null; then as_root install -m "$3" "$1" "$2"; fi
}
as_root mkdir -p "$PREFIX/bin" "$PREFIX/share/qik/hooks"
install_file "$bin/qik" "$PREFIX/bin/qik" 755
install_file "$bin/qikx" "$PREFIX/bin/qikx" 755
for hook in hooks/*; do install_file "$hook" "$PREFIX/share/qik/$hook" 755; done

"$PREFIX/bin/qik" --version
