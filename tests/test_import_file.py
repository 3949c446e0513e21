"""Reading imported client lists (client_base/tools/import_file.py)."""

import doctest

import pytest
from conftest import load_pure

import_file = load_pure("client_base", "import_file")


def test_doctests():
    result = doctest.testmod(import_file)
    assert result.failed == 0 and result.attempted > 0


def test_cp1251_excel_csv_is_read_as_cyrillic():
    rows = "Наименование;Телефон;Город\n"
    rows += "".join(
        f"ООО Ромашка {i};+7 495 123-45-{i:02d};Москва\n" for i in range(20)
    )
    text, encoding = import_file.decode(rows.encode("cp1251"))
    assert encoding == "cp1251"
    assert text == rows
    assert "\ufffd" not in text


@pytest.mark.parametrize(
    "value",
    [
        "=1+2",
        '=HYPERLINK("http://evil","x")',
        "+cmd|' /C calc'!A0",
        "-2+3+cmd|' /C calc'!A0",
        "@SUM(1+1)*cmd|' /C calc'!A0",
        "\t=1",
        "- Company",
    ],
)
def test_formulas_are_neutralised(value):
    assert import_file.neutralize_formula(value) == "'" + value


@pytest.mark.parametrize(
    "value",
    [
        "+7 495 123-45-67",
        "+7 (495) 123-45-67",
        "+32 2 555 00 00 ext. 12",
        "-5",
        "+1.5",
        "ACME",
        "",
        None,
    ],
)
def test_phones_numbers_and_text_stay(value):
    assert import_file.neutralize_formula(value) == value
