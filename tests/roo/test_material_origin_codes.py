"""A material's origin must be an assigned ISO 3166 alpha-3 code; the error names the material and the closest code."""

from __future__ import annotations

import pytest
from roo_helpers import PUMP

from palanca.errors import BillOfMaterialsError
from palanca.roo import Material, load_bom, parse_bom


@pytest.mark.parametrize(
    ("origin", "hint"), [("XXX", "ISO 3166 alpha-3"), ("MXE", 'did you mean "MEX"'), ("mex", 'write "MEX"')]
)
def test_unassigned_origin_code_is_an_error_naming_the_material(origin, hint):
    with pytest.raises(BillOfMaterialsError, match=rf"materials\['motor'\]\.origin = '{origin}': .*{hint}"):
        parse_bom(PUMP + f'origin = "{origin}"\n')


def test_assigned_origin_codes_are_accepted():
    assert parse_bom(PUMP + 'origin = "TWN"\n').materials[0].origin == "TWN"


def test_material_built_in_code_checks_its_origin_too():
    with pytest.raises(BillOfMaterialsError, match="origin = 'XXX'"):
        Material("motor", "8501.52", 300.0, False, origin="XXX")


def test_bom_file_with_utf8_bom_reads(tmp_path):
    f = tmp_path / "pump.toml"
    f.write_bytes(b"\xef\xbb\xbf" + PUMP.encode())
    assert load_bom(f).materials[0].description == "motor"
