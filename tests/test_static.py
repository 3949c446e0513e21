"""Static checks of the add-ons: they need no Odoo and no database."""

import ast
import csv
import re

import pytest
from conftest import ADDONS, REPO

VERSION_RE = re.compile(r"^18\.0\.\d+\.\d+\.\d+$")
CODE_RE = re.compile(r"^(?!.*[a-z]{2})[^\n]{1,12}$")
REQUIRED_KEYS = (
    "name",
    "summary",
    "version",
    "category",
    "website",
    "author",
    "maintainers",
    "license",
    "development_status",
    "depends",
    "data",
)


def manifest(addon):
    return ast.literal_eval((REPO / addon / "__manifest__.py").read_text())


def addon_files(addon, pattern):
    return sorted((REPO / addon).rglob(pattern))


def declared_models(addon):
    """Models an add-on creates (``_name`` set), with their kind."""
    found = {}
    for path in addon_files(addon, "*.py"):
        if "tests" in path.relative_to(REPO / addon).parts:
            continue
        tree = ast.parse(path.read_text(), str(path))
        for node in ast.walk(tree):
            if not isinstance(node, ast.ClassDef):
                continue
            bases = {ast.unparse(b) for b in node.bases}
            name = None
            inherit = None
            for stmt in node.body:
                if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1:
                    target = getattr(stmt.targets[0], "id", None)
                    if target == "_name" and isinstance(stmt.value, ast.Constant):
                        name = stmt.value.value
                    if target == "_inherit":
                        inherit = ast.unparse(stmt.value)
            if not name:
                continue
            if inherit and name in inherit:
                continue  # _name == _inherit: an extension, not a new model
            abstract = any("AbstractModel" in b for b in bases)
            found[name] = "abstract" if abstract else "model"
    return found


@pytest.mark.parametrize("addon", ADDONS)
def test_manifest(addon):
    man = manifest(addon)
    for key in REQUIRED_KEYS:
        assert key in man, f"{addon}: manifest lacks {key}"
        if key not in ("data", "external_dependencies"):
            assert man[key], f"{addon}: manifest key {key} is empty"
    assert VERSION_RE.match(man["version"]), man["version"]
    assert man["license"] == "LGPL-3"
    assert man["author"] == "Client Base"
    # optional (a bridge has none), never empty
    if "external_dependencies" in man:
        assert man["external_dependencies"], f"{addon}: empty external_dependencies"
        assert set(man["external_dependencies"]) <= {"python", "bin"}


@pytest.mark.parametrize("addon", ADDONS)
def test_data_files_exist_and_are_ordered(addon):
    man = manifest(addon)
    for key in ("data", "demo"):
        for rel in man.get(key, []):
            assert (REPO / addon / rel).is_file(), f"{addon}: {rel} missing"
    data = man["data"]
    # groups, then ACL, then the rest; menus last among the views
    if "security/ir.model.access.csv" in data:
        acl = data.index("security/ir.model.access.csv")
        groups = [i for i, f in enumerate(data) if f.endswith("_groups.xml")]
        assert all(i < acl for i in groups)
    menus = [i for i, f in enumerate(data) if f.endswith("_menus.xml")]
    views = [i for i, f in enumerate(data) if f.startswith("views/")]
    if menus and views:
        assert max(menus) == max(views), f"{addon}: menus must be the last view"


@pytest.mark.parametrize("addon", ADDONS)
def test_dependencies(addon):
    depends = manifest(addon)["depends"]
    expected = {
        "client_base": {"contacts", "mail", "phone_validation"},
        "client_base_analytics": {"client_base", "account"},
        "client_base_regulations": {"client_base", "document_page"},
        "client_base_sale": {"client_base", "sale"},
        "client_base_mass_mailing": {"client_base", "mass_mailing"},
    }[addon]
    assert expected <= set(depends)


@pytest.mark.parametrize("addon", ADDONS)
def test_every_model_has_acl(addon):
    models = declared_models(addon)
    csv_path = REPO / addon / "security" / "ir.model.access.csv"
    if not any(kind == "model" for kind in models.values()):
        assert not csv_path.exists() or csv_path.read_text().count("\n") <= 1
        return  # a bridge that only extends models needs no ACL
    with csv_path.open() as fh:
        rows = list(csv.DictReader(fh))
    ids = [row["id"] for row in rows]
    assert len(ids) == len(set(ids)), "duplicate ACL ids"
    covered = {row["model_id:id"].split(".")[-1] for row in rows}
    for name, kind in models.items():
        if kind == "abstract":
            continue
        xmlid = "model_" + name.replace(".", "_")
        assert xmlid in covered, f"{addon}: model {name} has no ACL row"
    for row in rows:
        assert row["id"].startswith("access_"), row["id"]


@pytest.mark.parametrize("addon", ADDONS)
def test_no_odoo17_syntax(addon):
    bad = re.compile(
        r"<tree[\s>]|\battrs=|\bstates=|numbercall|\bdoall\b|t-raw=|oe_chatter"
    )
    for path in addon_files(addon, "*.xml"):
        for n, line in enumerate(path.read_text().splitlines(), 1):
            assert not bad.search(line), f"{path}:{n}: {line.strip()}"
    badpy = re.compile(
        r"cr\.commit\(\)|check_access_rights\(|check_access_rule\(|"
        r"user_has_groups\(|_commit_progress|\bname_get\b|"
        r"""view_mode["']?\s*[:=]\s*["']tree"""
    )
    for path in addon_files(addon, "*.py"):
        if "tests" in path.relative_to(REPO / addon).parts:
            continue
        for n, line in enumerate(path.read_text().splitlines(), 1):
            assert not badpy.search(line), f"{path}:{n}: {line.strip()}"


@pytest.mark.parametrize("addon", ADDONS)
def test_invisible_fields_commented(addon):
    """Odoo's ``base: TestInvisibleField`` rule, on the add-on's XML sources.

    A field that is always invisible (``invisible="1"``/``"True"``, also
    ``column_invisible``) is followed by a comment saying why it is there;
    Odoo logs an ERROR for every one that is not. (Odoo's test itself is not
    in tools/testing/odoo_core_tests.txt: it checks every installed module and fails
    on the views of the OCA add-on document_page.)
    """
    uncommented = re.compile(
        r"""(<field [^>]*invisible=['"](True|1)['"][^>]*>)[\s\t\n ]*(.*)"""
    )
    bad = []
    for path in addon_files(addon, "*.xml"):
        for field, _val, suffix in uncommented.findall(path.read_text()):
            if not suffix.startswith("<!--"):
                bad.append(f"{path.relative_to(REPO)}: {field}")
    assert not bad, "always-invisible fields without a comment:\n" + "\n".join(bad)


def test_core_test_list_in_readme():
    """Every Odoo core test class of tools/testing/odoo_core_tests.txt is in README."""
    readme = (REPO / "README.rst").read_text()
    listed = []
    for line in (
        (REPO / "tools" / "testing" / "odoo_core_tests.txt").read_text().splitlines()
    ):
        line = line.split("#", 1)[0].strip()
        if line:
            listed.append(line)
    assert listed
    classes = set()
    for entry in listed:
        path, cls, *method = entry.split("::")
        classes.add(f"{path}::{cls}")
        assert f"{path}::{cls}" in readme, (
            f"{entry} (odoo_core_tests.txt) not in README"
        )
        assert not method or method[0] in readme, entry
    assert f"{len(classes)} test classes" in readme


@pytest.mark.parametrize("addon", ADDONS)
def test_packaging_and_docs(addon):
    base = REPO / addon
    assert (base / "pyproject.toml").read_text().count("whool") >= 1
    assert (base / "static" / "description" / "icon.png").is_file()
    assert (base / "README.rst").is_file()
    for frag in ("DESCRIPTION.md", "USAGE.md"):
        assert (base / "readme" / frag).is_file(), f"{addon}: readme/{frag}"
    assert (base / "i18n" / f"{addon}.pot").is_file()
    assert (base / "i18n" / "ru.po").is_file()
    assert not (base / "i18n" / "en.po").exists()
    assert not list(base.rglob("*.rej"))


@pytest.mark.parametrize("addon", ADDONS)
def test_russian_translation_complete(addon):
    """Every msgid of the .pot has a non-empty msgstr in ru.po."""
    pot = _po_entries(REPO / addon / "i18n" / f"{addon}.pot")
    ru = _po_entries(REPO / addon / "i18n" / "ru.po")
    # Codes and symbols (ABC, AX, "CV (%)") read the same in Russian; OCA's
    # oca-checks-po rejects a msgstr equal to its msgid, so they stay empty.
    missing = sorted(m for m in pot if not ru.get(m) and not CODE_RE.match(m))
    assert not missing, f"{addon}: {len(missing)} untranslated, e.g. {missing[:5]}"


def _po_entries(path):
    """Parse a .po/.pot file into {msgid: msgstr} (no polib needed)."""
    entries = {}
    msgid = msgstr = None
    current = None
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        line = line.strip()
        if line.startswith("msgid "):
            if msgid is not None:
                entries[msgid] = msgstr
            msgid, msgstr, current = ast.literal_eval(line[6:]), "", "id"
        elif line.startswith("msgstr "):
            msgstr, current = ast.literal_eval(line[7:]), "str"
        elif line.startswith('"') and current:
            if current == "id":
                msgid += ast.literal_eval(line)
            else:
                msgstr += ast.literal_eval(line)
        elif not line or line.startswith("#"):
            current = None if not line else current
    if msgid is not None:
        entries[msgid] = msgstr
    entries.pop("", None)
    return entries


def test_repository_layout():
    for rel in ("README.rst", "Makefile", ".ci/run", "setup/_metapackage"):
        assert (REPO / rel).exists(), rel
    readme = (REPO / "README.rst").read_text()
    assert "make demo" in readme and "make test" in readme
    assert (
        "make test" in (REPO / ".ci" / "run").read_text()
        or "tools/test.sh" in (REPO / ".ci" / "run").read_text()
    )


def test_requirements_cover_external_dependencies():
    reqs = (REPO / "requirements.txt").read_text().lower()
    for addon in ADDONS:
        for dep in manifest(addon).get("external_dependencies", {}).get("python", []):
            assert dep.lower() in reqs, f"{dep} missing from requirements.txt"


def test_pure_modules_import_no_odoo():
    for addon in ADDONS:
        for path in (
            (REPO / addon / "tools").glob("*.py")
            if (REPO / addon / "tools").is_dir()
            else []
        ):
            tree = ast.parse(path.read_text())
            for node in ast.walk(tree):
                names = []
                if isinstance(node, ast.Import):
                    names = [a.name for a in node.names]
                elif isinstance(node, ast.ImportFrom):
                    names = [node.module or ""]
                    if node.level:
                        continue
                assert not any(n == "odoo" or n.startswith("odoo.") for n in names), (
                    f"{path} imports odoo: pure modules must not"
                )
