"""The exchange of `make lab`: one person trying the course on one machine.

nbgrader's *Assignments* tab (release, fetch, submit, collect, feedback)
needs an exchange folder; its default, /usr/local/share/nbgrader/exchange, is
a system folder that does not exist on a fresh machine. `make lab` adds this
folder to JUPYTER_CONFIG_PATH, so that the tab works at once:

- the exchange is ~/.local/share/nncourse/exchange (under $XDG_DATA_HOME if
  set), created here;
- assignments you fetch land in coursework/ inside the course (git ignores
  it), where JupyterLab can open them.

A class on a shared machine sets its own exchange (see the README, "The
whole workflow, with an exchange"): an `Exchange.root` in
~/.jupyter/nbgrader_config.py takes precedence over this file.
"""
import os

c = get_config()  # noqa: F821  (nbgrader provides get_config)

COURSE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA_HOME = (os.environ.get("XDG_DATA_HOME")
             or os.path.join(os.path.expanduser("~"), ".local", "share"))

c.CourseDirectory.course_id = "nncourse"
c.Exchange.root = os.path.join(DATA_HOME, "nncourse", "exchange")
c.Exchange.assignment_dir = os.path.join(COURSE, "coursework")
os.makedirs(c.Exchange.root, exist_ok=True)
os.makedirs(c.Exchange.assignment_dir, exist_ok=True)
