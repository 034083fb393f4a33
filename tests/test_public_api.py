import subprocess
import sys

import ekosysteemi as eko
from ekosysteemi import fi


def test_every_public_name_is_in_a_sorted_all():
    for module in (eko, fi):
        public = {name for name in vars(module) if not name.startswith("_")}
        public -= {"annotations"}
        submodules = {"fi"} if module is eko else set()
        assert public - submodules <= set(module.__all__) | {"testing", "datasets"}
        assert sorted(module.__all__) == list(module.__all__)
        for name in module.__all__:
            assert hasattr(module, name), name


def test_importing_the_library_needs_no_test_tools_and_stays_light():
    code = (
        "import sys, ekosysteemi; "
        "heavy = [m for m in ('hypothesis', 'pytest', 'babel', 'stdnum', 'holidays', "
        "'dateutil', 'cattrs', 'tomllib', 'gettext', 'json', 'html', 'difflib', "
        "'importlib.resources', 'pathlib', 'click', 'ekosysteemi._io', "
        "'ekosysteemi._schema', 'ekosysteemi._catalogue', 'ekosysteemi._rules._engine') "
        "if m in sys.modules]; print(heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "[]" == out.stdout.strip()


def test_py_typed_is_shipped():
    from importlib.resources import files

    assert files("ekosysteemi").joinpath("py.typed").is_file()


def test_every_declared_entry_point_loads():
    from importlib.metadata import distribution

    from ekosysteemi._cli import main_exit
    from ekosysteemi._hypothesis_plugin import setup

    entries = {(e.group, e.name): e for e in distribution("ekosysteemi").entry_points}
    assert {("hypothesis", "_"), ("console_scripts", "ekosysteemi")} == set(entries)
    assert setup is entries["hypothesis", "_"].load()
    assert main_exit is entries["console_scripts", "ekosysteemi"].load()
