# The two commands of the README's quick start. Each installs what it needs.
#   make run    start the dashboard
#   make test   run the whole test suite (browser tests included)
# and the fast loop while changing code:
#   make check  lint, then the unit and AppTest tiers, one process per core (no server, no browser: tests/tiers.py)

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# The same versions Streamlit Community Cloud installs from requirements.txt.
STAMP := $(VENV)/.installed

.PHONY: run test check bench bench-claims load-check load-burst chromium axe haproxy replicas

$(STAMP): pyproject.toml requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.txt -e ".[test]"
	touch $(STAMP)

# The server's environment (deploy/server.env: glibc's malloc arenas) is the one deploy/ and the load test use.
run: $(STAMP)
	set -a && . deploy/server.env && set +a && exec $(BIN)/streamlit run dashboard.py

# Debian's Chromium for the browser tests (Playwright cannot download its own here).
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null \
	      || echo "WARNING: could not install chromium: browser tests will be SKIPPED"; \
	  else echo "WARNING: no chromium and not root: browser tests will be SKIPPED"; fi; }

# Debian's HAProxy for deploy/ (two replicas behind it) and its test (tests/test_deploy.py, skipped without it).
haproxy:
	@command -v haproxy >/dev/null 2>&1 || [ -x /usr/sbin/haproxy ] || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq haproxy) >/dev/null \
	      || echo "WARNING: could not install haproxy: the two-replica test will be SKIPPED"; \
	  else echo "WARNING: no haproxy and not root: the two-replica test will be SKIPPED"; fi; }

# Two replicas of the app behind HAProxy with sticky sessions, readers on http://127.0.0.1:8501 (deploy/replicas.py).
replicas: $(STAMP) haproxy
	$(BIN)/python deploy/replicas.py --port 8501

# axe-core for the accessibility tests, at the exact version of tests/browser/tools/package-lock.json,
# from the npm registry (never from a CDN at run time). Without it those tests are SKIPPED, loudly.
AXE_TOOLS := tests/browser/tools
AXE_JS := $(AXE_TOOLS)/node_modules/axe-core/axe.min.js
axe:
	@[ -f $(AXE_JS) ] || { \
	  if command -v npm >/dev/null 2>&1; then \
	    npm ci --prefix $(AXE_TOOLS) --no-audit --no-fund >/dev/null \
	      || echo "WARNING: 'npm ci --prefix $(AXE_TOOLS)' failed: accessibility (axe) tests will be SKIPPED"; \
	  else echo "WARNING: no npm: accessibility (axe) tests will be SKIPPED (install Node.js and npm, then 'make axe')"; fi; }

test: $(STAMP) chromium axe haproxy
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

check: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -n auto -m "not browser and not slow"

bench: $(STAMP) chromium
	$(BIN)/python -m bench.run

# The claim budgets (check, the corpus, a 10,000-character paste, the check page's rerun): bench/claims.py.
bench-claims: $(STAMP)
	$(BIN)/python -m bench.claims

# Readers in Chromium (20 at once, every check), then readers without a browser: 100 over 10 s and 200
# over 20 s, ours beside the blank page, Streamlit's own websocket protocol (bench/README.md, "Load").
load-check: $(STAMP) chromium
	$(BIN)/python -m bench.load_check
	$(BIN)/python -m bench.burst

# The protocol-level part alone; the arrival-rate search and the soak are options of the same command.
load-burst: $(STAMP)
	$(BIN)/python -m bench.burst

# Lighthouse (npm, the exact version of bench/tools/package-lock.json) on the map, floor and blank
# pages: CLS and the category scores, desktop and mobile, cold and warm servers (bench/README.md).
# npm ci runs when node_modules is missing or older than the lock.
LH_TOOLS := bench/tools
.PHONY: lighthouse
$(LH_TOOLS)/node_modules/.package-lock.json: $(LH_TOOLS)/package.json $(LH_TOOLS)/package-lock.json
	npm ci --prefix $(LH_TOOLS) --no-audit --no-fund

lighthouse: $(STAMP) chromium $(LH_TOOLS)/node_modules/.package-lock.json
	$(BIN)/python -m bench.lighthouse
