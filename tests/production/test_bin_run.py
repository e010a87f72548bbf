"""`bin/run` as a newcomer meets it: a fresh clone of the committed HEAD, no DATABASE_URL and no REDIS_URL.

It installs what it needs (bin/setup: a virtualenv, the npm libraries, CSS, translations), makes a PostgreSQL
cluster of the clone's own in .postgres/, migrates, loads the demo and serves; a demo user logs in over HTTP; Ctrl-C
stops every process it started. KOMPOTTEN_DEV_POSTGRES=own makes it take the cluster of its own even though this
machine's server answers, so that the path a machine without PostgreSQL takes is the one proven.
"""

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from kompotten.devtools.loadtest.deployment import free_port
from tests.production.conftest import ROOT, Visitor

pytestmark = [pytest.mark.production, pytest.mark.real_date]  # bin/run runs in subprocesses the test clock cannot reach

# bin/setup builds the clone's virtualenv and front end first, then come the migrations and the demo: about two
# minutes of CPU time in all, so this leaves room for a machine busy with other work.
STARTUP_SECONDS = 600


def processes_in(folder: Path) -> dict[int, str]:
    """Every process working in `folder` or started from it (the web server, Celery, the cluster's postgres
    processes, whose working folder is their data folder), by pid, with its command line."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace").strip()
            working = os.readlink(entry / "cwd")
        except OSError:  # ended meanwhile, or a zombie
            continue
        if str(folder) in command or Path(working).is_relative_to(folder):
            found[int(entry.name)] = command
    return found


def port_is_free(port: int) -> bool:
    """Nothing answers on it, and a server could listen on it again (as runserver binds: SO_REUSEADDR, so that the
    closed connections' TIME_WAIT does not count)."""
    with contextlib.suppress(ConnectionRefusedError), socket.create_connection(("127.0.0.1", port), timeout=5):
        return False
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
            probe.listen()
        except OSError:
            return False
    return True


@pytest.fixture
def clone():
    """A clone of this repository's committed HEAD (uncommitted changes are not in it), removed afterwards.

    Not under pytest's tmp_path, which only its owner may enter: run as root, bin/run gives the cluster to the
    postgres system user, who must reach the clone, as in any checkout in a folder open to other users."""
    parent = Path(tempfile.mkdtemp(prefix="kompotten-bin-run-"))
    parent.chmod(0o755)
    checkout = parent / "kompotten"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(checkout)], check=True, timeout=120)  # noqa: S603, S607
    yield checkout
    for pid in processes_in(checkout):  # only after a failure: whatever bin/run left running
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    shutil.rmtree(parent, ignore_errors=True)


def newcomers_environment(port: int) -> dict[str, str]:
    unset = ("DJANGO_", "KOMPOTTEN_", "DATABASE_URL", "REDIS_URL", "PG", "VIRTUAL_ENV")
    env = {key: value for key, value in os.environ.items() if not key.startswith(unset)}
    return {**env, "KOMPOTTEN_DEV_POSTGRES": "own", "KOMPOTTEN_PORT": str(port)}


def wait_for_login_page(run: subprocess.Popen, base: str, log: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        assert run.poll() is None, f"bin/run stopped:\n{log.read_text(errors='replace')[-6000:]}"
        try:
            with urllib.request.urlopen(base + "/logga-in/", timeout=5) as response:  # noqa: S310 - loopback
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(1)
    pytest.fail(f"No login page within {STARTUP_SECONDS} s:\n{log.read_text(errors='replace')[-6000:]}")


def test_bin_run_on_a_fresh_clone_serves_the_demo_on_its_own_postgresql_and_ctrl_c_stops_everything(clone):
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = clone.parent / "bin-run.log"
    started = time.monotonic()
    with log.open("w") as out:
        run = subprocess.Popen(  # noqa: S603
            [str(clone / "bin/run")],
            cwd=clone,
            env=newcomers_environment(port),
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    try:
        wait_for_login_page(run, base, log)
        print(f"bin/run on a fresh clone served the login page after {time.monotonic() - started:.0f} s")

        visitor = Visitor(base, behind_proxy=False)
        assert visitor.log_in("nexus@uppsala.example") == 302, "the demo user could not log in"
        status, _, start_page = visitor.follow("/")
        assert status == 200 and "Nora Lindqvist" in start_page

        output = log.read_text(errors="replace")
        assert "Reports and e-mail run in the web process" in output
        assert "Database: PostgreSQL of this checkout's own" in output
        running = processes_in(clone)
        assert any(f"-D {clone}/.postgres/data" in command for command in running.values()), running
        assert any("runserver" in command for command in running.values()), running

        os.killpg(run.pid, signal.SIGINT)  # Ctrl-C: the terminal signals bin/run's foreground process group
        run.wait(timeout=60)
    finally:
        if run.poll() is None:
            run.terminate()
            run.wait(timeout=60)

    assert processes_in(clone) == {}, "bin/run left processes running"
    assert port_is_free(port)
    assert not (clone / ".postgres/data/postmaster.pid").exists(), "the cluster was not shut down"
