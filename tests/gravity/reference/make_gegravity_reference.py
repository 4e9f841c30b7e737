"""Produce the cached gegravity oracle for tests/gravity/test_gegravity_oracle.py.

Runs gegravity's documented example (gegravity 0.3 ``OneSectorGE`` docstring; Canada–Japan
agreement: pta[CAN,JPN] = pta[JPN,CAN] = 1, sigma = 5, reference importer DEU) on the shipped
sample, with palanca's PPML coefficients, and writes

- ``gegravity_can_jpn_country.csv``: ``country_results`` and ``country_mr_terms`` (percent changes,
  the welfare statistic, baseline MR levels), one row per country;
- ``gegravity_can_jpn_bilateral.csv``: ``bilateral_trade_results`` (exporter, importer, baseline
  modelled trade, experiment trade, change in percent).

Usage (needs gegravity, in the ``dev`` extra)::

    .venv/bin/python tests/gravity/reference/make_gegravity_reference.py
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from palanca.data import GEGRAVITY_SAMPLE

HERE = Path(__file__).resolve().parent
COEFFICIENTS = {
    "lndist": -0.3898623,
    "contiguity": 0.891577,
    "common_language": 0.0326249,
    "pta": 0.4711383,
    "international": -3.412584,
}
SIGMA, REFERENCE = 5.0, "DEU"
PAIRS = (("CAN", "JPN"), ("JPN", "CAN"))  # (exporter, importer)


def prepare_gegravity(path: Path = GEGRAVITY_SAMPLE):
    """gegravity's documented experiment, built and defined but not simulated (the bench times simulate)."""
    import gegravity as ge

    data = pd.read_csv(path)
    baseline = ge.BaselineData(
        data,
        imp_var_name="importer",
        exp_var_name="exporter",
        year_var_name="year",
        trade_var_name="trade",
        expend_var_name="E",
        output_var_name="Y",
    )
    coeffs = pd.DataFrame([{"var": k, "coeff": v, "ste": 0.0} for k, v in COEFFICIENTS.items()])
    params = ge.CostCoeffs(estimates=coeffs, identifier_col="var", coeff_col="coeff", stderr_col="ste")
    model = ge.OneSectorGE(
        baseline,
        year="2006",
        expend_var_name="E",
        output_var_name="Y",
        reference_importer=REFERENCE,
        sigma=SIGMA,
        cost_variables=list(COEFFICIENTS),
        cost_coeff_values=params,
        quiet=True,
    )
    model.build_baseline(omr_rescale=100)  # gegravity fails with negative MRs at its documented 10
    exp = model.baseline_data.copy()
    for o, d in PAIRS:
        exp.loc[(exp["exporter"] == o) & (exp["importer"] == d), "pta"] = 1
    model.define_experiment(exp)
    return model


def run_gegravity(path: Path = GEGRAVITY_SAMPLE):
    """The documented experiment with gegravity itself; returns the simulated OneSectorGE."""
    model = prepare_gegravity(path)
    model.simulate()
    return model


def main() -> None:
    m = run_gegravity()
    country = m.country_results.join(m.country_mr_terms)
    country.index.name = "country"
    country.to_csv(HERE / "gegravity_can_jpn_country.csv", float_format="%.12g")
    m.bilateral_trade_results.to_csv(HERE / "gegravity_can_jpn_bilateral.csv", float_format="%.12g")
    print(f"wrote {HERE}/gegravity_can_jpn_country.csv and gegravity_can_jpn_bilateral.csv")


if __name__ == "__main__":
    main()
