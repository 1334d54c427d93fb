"""Every notebook under notebooks/ runs on a real kernel without error, and is committed without outputs.

The kernel is this interpreter's (a kernelspec written into a temporary Jupyter data folder), and
Jupyter, IPython and matplotlib keep their files in temporary folders, not under HOME.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOK_DIR = Path(__file__).resolve().parents[1] / "notebooks"
NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("*.ipynb"))
TIMEOUT = 300  # seconds per cell; building the bundled articles takes a few

_DIRS = {
    "JUPYTER_RUNTIME_DIR": "runtime",
    "JUPYTER_DATA_DIR": "data",
    "JUPYTER_CONFIG_DIR": "config",
    "IPYTHONDIR": "ipython",
    "MPLCONFIGDIR": "matplotlib",
}


@pytest.fixture
def kernel_env(tmp_path, monkeypatch):
    """Temporary Jupyter folders holding a ``python3`` kernelspec that runs ``sys.executable``."""
    for var, name in _DIRS.items():
        (tmp_path / name).mkdir()
        monkeypatch.setenv(var, str(tmp_path / name))
    monkeypatch.setenv("JUPYTER_PLATFORM_DIRS", "1")  # the new path scheme; silences jupyter_core's warning
    spec = tmp_path / "data" / "kernels" / "python3"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Python 3 (kg tests)",
        "language": "python",
    }))
    return tmp_path


def _run(nb: nbformat.NotebookNode, cwd: Path) -> nbformat.NotebookNode:
    client = NotebookClient(nb, timeout=TIMEOUT, kernel_name="python3", resources={"metadata": {"path": str(cwd)}})
    return client.execute()  # raises CellExecutionError, naming the cell, on the first error


def _code_cells(nb: nbformat.NotebookNode) -> list[nbformat.NotebookNode]:
    return [c for c in nb.cells if c.cell_type == "code"]


def test_notebooks_include_explore():
    assert "explore.ipynb" in [p.name for p in NOTEBOOKS]


def test_notebooks_kernel_is_this_interpreter(kernel_env, tmp_path):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("import sys; print(sys.executable)")])
    _run(nb, tmp_path)
    assert [o.text.strip() for o in nb.cells[0].outputs] == [sys.executable]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebooks_run_without_error(path, kernel_env):
    nb = nbformat.read(path, as_version=4)
    _run(nb, path.parent)
    cells = _code_cells(nb)
    assert [o.ename for c in cells for o in c.outputs if o.output_type == "error"] == []
    assert [c.execution_count for c in cells] == list(range(1, len(cells) + 1))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebooks_are_committed_without_outputs(path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    cells = _code_cells(nb)
    assert cells, f"{path.name} has no code cell"
    assert [(c.execution_count, c.outputs) for c in cells] == [(None, [])] * len(cells)
    assert [c.id for c in nb.cells if "execution" in c.metadata] == []  # no timing metadata either
    assert nb.metadata.kernelspec.name == "python3"
