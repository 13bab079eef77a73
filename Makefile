# The two commands: `make run` (the app on a demo classroom) and `make test` (everything, headless).
VENV   := .venv
PY     := $(VENV)/bin/python
# A stamp file, not $(PY): touching the venv's python symlink would touch the system python.
STAMP  := $(VENV)/.installed
PYTHON ?= python3
export PIP_DISABLE_PIP_VERSION_CHECK := 1
# A second venv without PySide6: the core and the command line must run without Qt.
CORE_VENV := .venv-core
CORE_PY   := $(CORE_VENV)/bin/python
CORE_STAMP := $(CORE_VENV)/.installed

.PHONY: run test test-core test-dates lint bench faults package package-test clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q -e '.[test]'
	touch $(STAMP)

# Opens the app on the default data folder; a fresh folder gets the demo classroom first.
# Without a display it runs under Xvfb (installed by .ci/run or `apt-get install xvfb`) and says
# how to look at it; Ctrl+C stops it cleanly (tools/run.sh).
run: $(STAMP)
	@[ -n "$$DISPLAY$$WAYLAND_DISPLAY" ] || bash tools/system-packages.sh run
	@bash tools/run.sh $(PY)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

# The whole suite on its fixed date, then the date-sensitive tests on other dates. CI also runs
# test-core (below) as a job of its own: the non-GUI tests where PySide6 is not installed.
test: lint
	bash tools/system-packages.sh test
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -p no:cacheprovider -n auto --maxprocesses=4
	bash tools/test-dates.sh $(PY)

$(CORE_STAMP): pyproject.toml tools/core_requirements.py
	test -x $(CORE_PY) || $(PYTHON) -m venv $(CORE_VENV)
	$(CORE_PY) tools/core_requirements.py > $(CORE_VENV)/requirements.txt
	$(CORE_PY) -m pip install -q -r $(CORE_VENV)/requirements.txt
	$(CORE_PY) -m pip install -q --no-deps -e .
	touch $(CORE_STAMP)

# The non-GUI tests in a venv without PySide6 (.ci/run runs this after make test): tests/conftest.py
# leaves tests/ui out there, and -m "not gui" any other test that needs a QApplication.
test-core: $(CORE_STAMP)
	@if $(CORE_PY) -c "import PySide6" 2>/dev/null; then \
	  echo "PySide6 is installed in $(CORE_VENV): test-core would prove nothing"; exit 1; fi
	$(CORE_PY) -m pytest -q -p no:cacheprovider -p no:pytest-qt -n auto --maxprocesses=4 \
	  -m "not gui"

test-dates: $(STAMP)
	bash tools/test-dates.sh $(PY)

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m benchmarks

# The fault-injection suite in full: kill -9 at every watched phase, every damage kind, clock
# jumps, zip bombs, oversize fields, lock files in every bad state (`make test` runs its quick set).
faults: $(STAMP)
	MATHROOM_FAULTS_LONG=1 QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -p no:cacheprovider tests/faults

# A one-folder desktop bundle in dist/mathroom (PyInstaller), then its headless smoke test.
package: $(STAMP)
	$(PY) -m pip install -q -e '.[test,package]'
	$(VENV)/bin/pyinstaller --noconfirm --clean --log-level WARN \
	  --distpath dist --workpath build packaging/mathroom.spec
	@du -sh dist/mathroom

package-test: package
	bash tools/package-smoke-test.sh dist/mathroom/mathroom

clean:
	rm -rf $(VENV) $(CORE_VENV) build dist .pytest_cache .mypy_cache .ruff_cache
