# Two entry points: `make figures` and `make test`. Both create .venv on first use.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
KERNEL := framing-toolkit
NOTEBOOKS := $(sort $(wildcard notebooks/[0-9][0-9]_*.py))
export PIP_DISABLE_PIP_VERSION_CHECK := 1
export MPLBACKEND := Agg

# The report's browser test drives Debian's chromium through its chromedriver: installed with
# apt when missing (root, or sudo without a password), never downloaded at run time.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo -n)

.PHONY: install browser figures test check-notebooks clean

install: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python >= 3.11 is needed; set PYTHON=/path/to/python3.11")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev,scale]'
	$(BIN)/python -m ipykernel install --sys-prefix --name $(KERNEL) --display-name "Python ($(KERNEL))" >/dev/null
	@touch $(STAMP)

figures: $(STAMP)
	$(BIN)/python -m toolkit.cli.notebook_build $(NOTEBOOKS)

check-notebooks: $(STAMP)
	$(BIN)/python -m toolkit.cli.notebook_build --check $(NOTEBOOKS)

browser:
	@if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then \
		echo "installing Debian's chromium and chromium-driver (for the report's browser test)"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium chromium-driver >/dev/null \
		|| { echo "error: could not install chromium and chromium-driver with apt; install them and rerun" >&2; exit 1; }; \
	fi

test: $(STAMP) browser
	$(BIN)/python -m pytest tests notebooks --nbval --nbval-current-env \
		--nbval-sanitize-with notebooks/nbval_sanitize.cfg

clean:
	rm -rf $(VENV) build *.egg-info
