"""Start Chromium once, the way Odoo's browser tests start it, before the tests run.

Usage: python bin/chromium_warmup.py [TIMEOUT_SECONDS]

Odoo's HttpCase gives Chromium 10 seconds to open its DevTools port and *skips* the test when
it does not. A first start on a busy machine (font caches, a binary not yet in the page cache,
a new profile) can take longer, so the test command runs this first: the same executable and
the same switches as ``odoo.tests.common.ChromeBrowser`` (taken from Odoo itself, not copied),
a generous timeout, and a clear error when Chromium cannot start at all. Odoo's own wait then
only ever sees a warm start. No retry: one start, which either succeeds or fails.
"""

import pathlib
import shutil
import subprocess
import sys
import tempfile
import time

from odoo.tools import config

config["test_enable"] = True  # this is a test run: Odoo logs an error when tests are imported
from odoo.tests.common import ChromeBrowser  # noqa: E402


class WarmupChrome(ChromeBrowser):
    """Odoo's ChromeBrowser reduced to its start: no test case, a longer wait for the port."""

    def __init__(self, timeout):  # pylint: disable=super-init-not-called
        self.timeout = timeout
        self.user_data_dir = tempfile.mkdtemp(suffix="_chrome_warmup")
        self._logger = _Logger()

    def _spawn_chrome(self, cmd):
        proc = self._chrome_without_limit(cmd)
        port_file = pathlib.Path(self.user_data_dir, "DevToolsActivePort")
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise SystemExit(
                    f"Chromium ({cmd[0]}) exited with status {proc.returncode} at start; "
                    f"run it by hand to see why:\n  {' '.join(cmd)}"
                )
            if port_file.is_file() and port_file.stat().st_size > 5:
                return proc, int(port_file.read_text(encoding="utf-8").splitlines()[0])
            time.sleep(0.1)
        proc.kill()
        proc.wait(15)
        shutil.rmtree(self.user_data_dir, ignore_errors=True)
        raise SystemExit(
            f"Chromium ({cmd[0]}) did not open its DevTools port within {self.timeout:.0f} s; "
            "the browser tests cannot run. Check that the chromium package works: "
            f"{' '.join(cmd)}"
        )

    def warm_up(self):
        started = time.monotonic()
        try:
            proc, _port = self._chrome_start(self.user_data_dir, touch_enabled=False)
        except Exception as exc:  # e.g. SkipTest("... not found") from Odoo
            raise SystemExit(f"Chromium could not be started: {exc}") from exc
        seconds = time.monotonic() - started
        proc.terminate()
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(15)
        shutil.rmtree(self.user_data_dir, ignore_errors=True)
        return seconds


class _Logger:
    def info(self, *args):
        pass


def main(argv):
    timeout = float(argv[0]) if argv else 120.0
    seconds = WarmupChrome(timeout).warm_up()
    print(f"Chromium started in {seconds:.1f} s (Odoo's browser tests allow 10 s)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
