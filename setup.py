"""Build cleanarticle, compiling the engine's modules with mypyc where it can.

The package is pure Python, and runs as such. At install time, the modules of the extraction
engine (:data:`ENGINE_MODULES`) are also compiled to C extensions with mypyc, from the same typed
source: ``extract()`` then runs 1.13 to 1.22 times as fast (the README's "Accuracy and
speed"). Compiling needs a C compiler and the Python headers; a clean install took 46 s here.

The compiled build is optional, all or nothing:

* ``CLEANARTICLE_PURE_PYTHON=1`` in the environment skips it;
* where mypy (which holds mypyc) cannot be imported, or the compiler fails, the install
  goes on without it and says so: the pure-Python modules are installed either way, and no
  half-built extension is left beside them.

``python -c "import cleanarticle; print(cleanarticle.COMPILED)"`` tells which build is installed.
Metadata and dependencies live in ``pyproject.toml``; this file only adds the extensions.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_ext import build_ext

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
#: by tests, and the time is langdetect's own).
PURE = frozenset({"fields/language.py"})
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


def _say(message: str) -> None:
    print(f"cleanarticle setup: {message}", file=sys.stderr)


#: The commands that only write the package's metadata (the build front end asks for it
#: before building): mypyc's type check and C generation, half a minute, are not run for them.
METADATA_COMMANDS = frozenset({"egg_info", "dist_info"})


def _extensions() -> list[object]:
    """mypyc's extensions for :data:`ENGINE_MODULES`, or none (see the module docstring)."""
    command = next((arg for arg in sys.argv[1:] if not arg.startswith("-")), None)
    if command in METADATA_COMMANDS:
        return []
    if os.environ.get("CLEANARTICLE_PURE_PYTHON", "").strip() not in ("", "0"):
        _say("CLEANARTICLE_PURE_PYTHON is set: installing the pure-Python build")
        return []
    try:
        from mypyc.build import mypycify  # noqa: PLC0415 - only where a build needs it
    except ImportError:
        _say("mypyc is not installed: installing the pure-Python build")
        return []
    try:
        version = f"{sys.version_info.major}.{sys.version_info.minor}"
        flags = ["--config-file", "pyproject.toml", "--python-version", version]
        return list(mypycify([*flags, *ENGINE_MODULES], opt_level="3"))
    except (Exception, SystemExit) as exc:  # mypyc exits on a type error
        _say(f"mypyc could not compile the engine ({exc!r}): installing the pure-Python build")
        return []


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
            _say(f"compiling failed ({exc!r}): installing the pure-Python build")


setup(ext_modules=_extensions(), cmdclass={"build_ext": OptionalBuildExt})
