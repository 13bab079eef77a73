# The two commands: `make run` (the app on a demo classroom) and `make test` (everything, headless).
VENV   := .venv
PY     := $(VENV)/bin/python
# A stamp file, not $(PY): touching the venv's python symlink would touch the system python.
STAMP  := $(VENV)/.installed
PYTHON ?= python3
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: run test test-dates lint bench package package-test clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q -e '.[test]'
	touch $(STAMP)

# Opens the app on the default data folder; a fresh folder gets the demo classroom first.
# Without a display it runs under Xvfb (installed by .ci/run or `apt-get install xvfb`).
run: $(STAMP)
	$(PY) -m mathroom demo --if-empty
	@if [ -n "$$DISPLAY" ] || [ -n "$$WAYLAND_DISPLAY" ]; then $(PY) -m mathroom; \
	else bash tools/system-packages.sh run && \
	  xvfb-run -a -s "-screen 0 1440x900x24" env QT_QPA_PLATFORM=xcb $(PY) -m mathroom; fi

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

# The whole suite on its fixed date, then the date-sensitive tests on other dates.
test: lint
	bash tools/system-packages.sh test
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -p no:cacheprovider -n auto --maxprocesses=4
	bash tools/test-dates.sh $(PY)

test-dates: $(STAMP)
	bash tools/test-dates.sh $(PY)

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m benchmarks

# A one-folder desktop bundle in dist/mathroom (PyInstaller), then its headless smoke test.
package: $(STAMP)
	$(PY) -m pip install -q -e '.[test,package]'
	$(VENV)/bin/pyinstaller --noconfirm --clean --log-level WARN \
	  --distpath dist --workpath build packaging/mathroom.spec
	@du -sh dist/mathroom

package-test: package
	bash tools/package-smoke-test.sh dist/mathroom/mathroom

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
