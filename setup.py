"""Build cleanarticle: pure Python by default, its engine compiled with mypyc on request.

``pip install .`` installs the pure-Python package: a few seconds beyond the dependencies.
``CLEANARTICLE_COMPILE=1 pip install .`` also compiles the modules of the extraction engine
(:data:`ENGINE_MODULES`) to C extensions with mypyc, from the same typed source: ``extract()``
then runs 1.13 to 1.22 times as fast (docs/benchmarks.md, "Accuracy and speed"), for a build of
about a minute that needs a C compiler and the Python headers (mypy, which holds mypyc, is
fetched into the build environment only then: :func:`_build_requires`).

The compiled build is all or nothing. Where mypyc cannot be imported, or the compiler fails,
the install goes on with the pure-Python build, removes whatever it had built (no half-built
extension is left beside the modules), tags the wheel as pure, and writes why into the
package (``cleanarticle/_build.py``, :func:`_write_record`): pip shows a build's messages only
with ``-v``, so ``cleanarticle example`` and ``cleanarticle --version`` say it in one line.

``python -c "import cleanarticle; print(cleanarticle.COMPILED)"`` tells which build is installed.
Metadata and dependencies live in ``pyproject.toml``; this file only adds the extensions.
"""

from __future__ import annotations

import os
import sys
import tomllib
from pathlib import Path

from setuptools import setup
from setuptools.command.bdist_wheel import bdist_wheel
from setuptools.command.build_ext import build_ext
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
PACKAGE = Path("src", "cleanarticle")
#: The engine's stage folders, compiled whole: the input, the page tree, the fields, the body,
#: the two routes and the rules. The sub-packages batch/ and bench/ stay pure Python.
ENGINE_FOLDERS = ("input", "dom", "fields", "body", "html", "text", "rules")
#: The top-level modules the stages share, compiled too: the draft they fill in, the text
#: helpers, the URL helpers and the renderers. The other top-level modules stay pure Python:
#: the entry point (it checks the caller's arguments: a compiled function refuses a wrong
#: type with a bare TypeError), the public types (pickled by batches, subclassed and replaced
#: by users), the command line and reports, and the interrupt helper (its asynchronous
#: exception is delivered between Python instructions).
ENGINE_TOP = ("draft.py", "render.py", "textutil.py", "urls.py")
#: Left pure Python inside the engine's folders: language detection (its fallback is patched
#: by tests, and the time is langdetect's own) and fetching pages (public entry points that
#: check their arguments, and the time is the network's).
PURE = frozenset({"fields/language.py", "input/fetch.py"})
#: The engine's modules, compiled, as paths from the project root (where setuptools runs this
#: file).
ENGINE_MODULES = sorted(
    [str(PACKAGE / name) for name in ENGINE_TOP]
    + [
        str(PACKAGE / folder / p.name)
        for folder in ENGINE_FOLDERS
        for p in (ROOT / PACKAGE / folder).glob("*.py")
        if f"{folder}/{p.name}" not in PURE
    ]
)


#: The environment variable that asks for the compiled build.
COMPILE_ENV = "CLEANARTICLE_COMPILE"
#: mypy, which holds mypyc: the version of the project's type check.
MYPY = "mypy==2.4.1"
#: Why the build is pure Python although compiling was asked for (None: it was not asked
#: for, or it succeeded).
_fallback: list[str] = []


def _say(message: str) -> None:
    print(f"cleanarticle setup: {message}", file=sys.stderr)


def _compile_wanted() -> bool:
    return os.environ.get(COMPILE_ENV, "").strip().lower() not in ("", "0", "no", "false")


def _fall_back(reason: str) -> None:
    _fallback.append(reason)
    _say(f"{reason}: installing the pure-Python build")


def _build_requires() -> list[str]:
    """Build dependencies beyond pyproject.toml's (``setup_requires``, which setuptools' build
    backend asks pip to install), for a compiled build only: mypy, and the package's own
    dependencies, so that mypyc sees the types the type check sees (the package's import
    graph reaches httpx and numpy: without them mypyc's type check fails)."""
    if not _compile_wanted():
        return []
    with (ROOT / "pyproject.toml").open("rb") as fh:
        dependencies: list[str] = tomllib.load(fh)["project"]["dependencies"]
    return [MYPY, *dependencies]


#: The commands that only write the package's metadata (the build front end asks for it
#: before building): mypyc's type check and C generation, half a minute, are not run for them.
METADATA_COMMANDS = frozenset({"egg_info", "dist_info"})


def _extensions() -> list[object]:
    """mypyc's extensions for :data:`ENGINE_MODULES`, or none (see the module docstring)."""
    command = next((arg for arg in sys.argv[1:] if not arg.startswith("-")), None)
    if command in METADATA_COMMANDS or not _compile_wanted():
        return []
    try:
        from mypyc.build import mypycify  # noqa: PLC0415 - only where a build needs it
    except ImportError:
        _fall_back("mypyc is not installed")
        return []
    try:
        version = f"{sys.version_info.major}.{sys.version_info.minor}"
        flags = ["--config-file", "pyproject.toml", "--python-version", version]
        return list(mypycify([*flags, *ENGINE_MODULES], opt_level="3"))
    except (Exception, SystemExit) as exc:  # mypyc exits on a type error
        _fall_back(f"mypyc could not compile the engine ({type(exc).__name__}: {exc})")
        return []


def _write_record(build_lib: str) -> None:
    """Write ``cleanarticle/_build.py`` into the build: whether compiling was asked for, and
    why the build fell back to pure Python (read by ``cleanarticle.BUILD_NOTE``)."""
    path = Path(build_lib, "cleanarticle", "_build.py")
    if not path.parent.is_dir():
        return
    reason = _fallback[-1] if _fallback else None
    path.write_text(
        '"""Written by setup.py: how this copy of cleanarticle was built."""\n\n'
        f"COMPILE_REQUESTED = {_compile_wanted()!r}\n"
        f"FALLBACK_REASON = {reason!r}\n",
        encoding="utf-8",
    )


class BuildPy(build_py):
    """``build_py`` that also writes the build record (:func:`_write_record`)."""

    def run(self) -> None:
        super().run()
        _write_record(self.build_lib)


class OptionalBuildExt(build_ext):
    """``build_ext`` that falls back to the pure-Python build when compiling fails, removing
    whatever it had built (mypyc's per-module stubs import one shared library: a stub left
    without it would break the import)."""

    def run(self) -> None:
        try:
            super().run()
        except Exception as exc:  # any compiler failure means: no extensions
            for path in self.get_outputs():
                Path(path).unlink(missing_ok=True)
            self.extensions = []
            self.distribution.ext_modules = []
            _fall_back(f"compiling failed ({type(exc).__name__}: {exc})")
            _write_record(self.build_lib)


class Wheel(bdist_wheel):
    """``bdist_wheel`` that tags the wheel pure (``py3-none-any``) when no extension was
    built, compiling having fallen back."""

    def run(self) -> None:
        self.run_command("build")
        if not self.distribution.ext_modules:
            self.root_is_pure = True
        super().run()


setup(
    ext_modules=_extensions(),
    setup_requires=_build_requires(),
    cmdclass={"build_py": BuildPy, "build_ext": OptionalBuildExt, "bdist_wheel": Wheel},
)
