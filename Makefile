# The course's commands. A newcomer needs two: `make lab` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   ?= .venv
BIN    := $(abspath $(VENV))/bin
# nbgrader's `db` commands call the venv's alembic: keep the venv first on PATH.
export PATH := $(BIN):$(PATH)

.PHONY: install lab lint test test-fast release lectures autograde feedback export book serve-book clean

install: $(VENV)/.installed

# (pip -qq: errors only; setuptools explains editable installs at length)
$(VENV)/.installed: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install -qq -r requirements.txt
	$(BIN)/jupyter labextension list 2>&1 | grep -q "@jupyter/nbgrader.*enabled"
	touch $@

# MathJax for the book and playwright-core for the browser tests, from npm
# (the browser is Debian's chromium: nothing is downloaded at run time)
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

## lab: set up everything, regenerate release/, start JupyterLab on the course
# (JupyterLab refuses to run as root unless told; containers often are root.)
# lab/nbgrader_config.py gives the Assignments tab an exchange in your home.
lab: install release
	JUPYTER_CONFIG_PATH="$(CURDIR)/lab$(if $(JUPYTER_CONFIG_PATH),:$(JUPYTER_CONFIG_PATH))" \
	$(BIN)/jupyter lab --ServerApp.root_dir="$(CURDIR)" $(LAB_ARGS) \
	    $(if $(filter 0,$(shell id -u)),--allow-root)

## test: the whole test suite, with its 15 slowest tests listed at the end
# Two processes (pytest-xdist), a test file each at a time: one grades while
# the other waits on a browser, a kernel or a timeout.
test: install node_modules/.installed
	$(BIN)/python -m pytest -n 2 --dist loadfile --durations=15

## lint: ruff (pyflakes, pycodestyle, bugbear, isort; notebooks included)
lint: install
	$(BIN)/ruff check .

## test-fast: the unit tests only (under 90 s), for the inner loop
test-fast: install
	$(BIN)/python -m pytest -m "not slow"

## release: regenerate release/ (the student versions) from source/
release: install
	$(BIN)/python -m coursetools release

## lectures: re-execute every lecture in course/ and store it with its outputs
lectures: install
	$(BIN)/python -m coursetools lectures

## autograde: grade every submission in submitted/ into autograded/, in
# parallel, with a grade and a reason for every student (coursegrader);
# the summary table is printed and written to autograde_report.csv
autograde: install
	$(BIN)/python -m coursegrader autograde $(GRADE_ARGS)

## feedback: write feedback/ for every autograded submission (assignments
# nobody has handed in yet are skipped)
feedback: install
	$(BIN)/python -m coursegrader feedback

## export: grades.csv from the gradebook
export: install
	$(BIN)/nbgrader export --to grades.csv

## book: the web book, built offline into _build/html (Jupyter Book)
book: install node_modules/.installed
	$(BIN)/python book/build.py

## serve-book: build the book and serve it on http://127.0.0.1:$(PORT)/
PORT ?= 8000
serve-book: book
	$(BIN)/python -m http.server $(PORT) --bind 127.0.0.1 --directory _build/html

clean:
	rm -rf autograded/*/ feedback/ .pytest_cache _build/
