"""Reader of the Caliendo–Parro (2015) replication text files and the `cp1993` world.

Layout of the authors' files (see ``shipped/cp2015/PROVENANCE.md``): tab-separated, no header;
``xbilat1993.txt`` and the tariff files stack the 20 tradable sectors as blocks of 31 importer rows
(row = sector * 31 + importer, column = exporter), trade in thousands of USD, tariffs in percent;
``IO.txt`` stacks 31 country blocks of 40 input rows x 40 using-sector columns; ``B.txt`` and
``GO.txt`` are sector x country; ``T.txt`` lists the 20 tradable-sector elasticities.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from palanca.data._accounts import final_shares_from_flows
from palanca.errors import DataFormatError
from palanca.model import World

__all__ = [
    "CP_COUNTRIES",
    "CP_SECTORS",
    "CP2015Files",
    "cp1993_world",
    "final_shares_from_flows",
    "read_cp2015",
]

CP_COUNTRIES = (
    "ARG AUS AUT BRA CAN CHL CHN DNK FIN FRA DEU GRC HUN IND IDN IRL ITA JPN KOR MEX NLD NZL "
    "NOR PRT ZAF ESP SWE TUR GBR USA ROW"
).split()
CP_SECTORS: tuple[tuple[str, str], ...] = (
    ("AGR", "Agriculture"),
    ("MIN", "Mining"),
    ("FOO", "Food"),
    ("TEX", "Textile"),
    ("WOO", "Wood"),
    ("PAP", "Paper"),
    ("PET", "Petroleum"),
    ("CHE", "Chemicals"),
    ("PLA", "Plastic"),
    ("MNM", "Minerals"),
    ("BMT", "Basic metals"),
    ("FMT", "Metal products"),
    ("MAC", "Machinery n.e.c."),
    ("OFF", "Office"),
    ("ELE", "Electrical"),
    ("COM", "Communication"),
    ("MED", "Medical"),
    ("AUT", "Auto"),
    ("OTR", "Other Transport"),
    ("OTH", "Other manufacturing"),
    ("ELC", "Electricity"),
    ("CON", "Construction"),
    ("RET", "Retail"),
    ("HOT", "Hotels"),
    ("LTR", "Land transport"),
    ("WTR", "Water transport"),
    ("ATR", "Air transport"),
    ("AUX", "Auxiliary transport"),
    ("PST", "Post"),
    ("FIN", "Finance"),
    ("RES", "Real estate"),
    ("REN", "Renting machinery"),
    ("CMP", "Computer services"),
    ("RND", "R&D"),
    ("OBS", "Other business"),
    ("PUB", "Public administration"),
    ("EDU", "Education"),
    ("HEA", "Health"),
    ("OSV", "Other services"),
    ("PRV", "Private households"),
)
N_CP, J_CP, J_TRADABLE = 31, 40, 20
THETA_NONTRADABLE = 8.22  # the authors' script assigns this to the 20 non-tradable sectors

SHIPPED = Path(__file__).parent / "shipped" / "cp2015"


@dataclass(frozen=True)
class CP2015Files:
    """The arrays of the replication files, in source units and layouts (after shape checks)."""

    xbilat_thousand_usd: np.ndarray  # (620, 31)
    tariffs1993_pct: np.ndarray  # (620, 31)
    tariffs2005_pct: np.ndarray  # (620, 31)
    io: np.ndarray  # (1240, 40)
    va_share: np.ndarray  # (40, 31)
    gross_output_usd: np.ndarray  # (40, 31)
    theta: np.ndarray  # (20,)


def _load(path: Path, shape: tuple[int, ...], *, allow_negative: bool = False) -> np.ndarray:
    if not path.exists():
        raise DataFormatError(
            f"{path} does not exist; the Caliendo–Parro reader needs the authors' text files "
            "(xbilat1993.txt, tariffs1993.txt, tariffs2005.txt, IO.txt, B.txt, GO.txt, T.txt)."
        )
    try:
        arr = np.loadtxt(path, delimiter="\t", ndmin=2)
    except ValueError as exc:
        raise DataFormatError(
            f"{path.name}: cannot parse as tab-separated numbers ({exc}); the file must hold "
            "only numbers, tab-separated, without a header."
        ) from None
    if len(shape) == 1:
        arr = arr.reshape(-1)
    if arr.shape != shape:
        raise DataFormatError(
            f"{path.name} has shape {arr.shape} but the Caliendo–Parro layout is {shape}; "
            "check that the file is the authors' unmodified replication file."
        )
    if not allow_negative and np.any(arr < 0):
        idx = tuple(int(v) for v in np.argwhere(arr < 0)[0])
        raise DataFormatError(f"{path.name}{idx} = {arr[idx]} is negative; trade, tariffs and shares must be ≥ 0.")
    return arr


def read_cp2015(folder: str | Path = SHIPPED) -> CP2015Files:
    """Read the seven replication files from ``folder`` (default: the copy shipped with palanca)."""
    folder = Path(folder)
    rows = J_TRADABLE * N_CP
    return CP2015Files(
        xbilat_thousand_usd=_load(folder / "xbilat1993.txt", (rows, N_CP)),
        tariffs1993_pct=_load(folder / "tariffs1993.txt", (rows, N_CP)),
        tariffs2005_pct=_load(folder / "tariffs2005.txt", (rows, N_CP)),
        # IO.txt holds one tiny negative coefficient (CAN, input 20 in basic metals: -0.00085)
        io=_load(folder / "IO.txt", (J_CP * N_CP, J_CP), allow_negative=True),
        va_share=_load(folder / "B.txt", (J_CP, N_CP)),
        gross_output_usd=_load(folder / "GO.txt", (J_CP, N_CP)),
        theta=_load(folder / "T.txt", (J_TRADABLE,)),
    )


def stacked_to_ndarray(stacked: np.ndarray, n: int, j_trade: int, j_total: int) -> np.ndarray:
    """Reshape the authors' (sector * importer, exporter) stacking to [destination, origin, sector]."""
    out = np.zeros((n, n, j_total))
    out[:, :, :j_trade] = stacked.reshape(j_trade, n, n).transpose(1, 2, 0)
    return out


def cp_tariffs(stacked_pct: np.ndarray) -> np.ndarray:
    """Tariffs in percent, stacked, to fractions [destination, origin, sector] (N x N x 40)."""
    return stacked_to_ndarray(stacked_pct, N_CP, J_TRADABLE, J_CP) / 100.0


def cp1993_world(files: CP2015Files | None = None) -> World:
    """The 1993 world of Caliendo and Parro (2015): 31 regions x 40 sectors, 1993 tariffs.

    Transformations (each recorded in ``provenance``): trade from thousands of USD to USD millions;
    gross output from USD to USD millions; domestic sales = gross output minus exports; tariffs from
    percent to fractions; ``theta = 8.22`` for non-tradables as in the authors' script; final-demand
    shares from goods-market clearing (CP eq. 7) with negative values set to zero and rows
    renormalised, as in the authors' code.
    """
    files = files or read_cp2015()
    n = N_CP
    X = stacked_to_ndarray(files.xbilat_thousand_usd / 1e3, n, J_TRADABLE, J_CP)
    idx = np.arange(n)
    X[idx, idx, :] = 0.0
    go = files.gross_output_usd.T / 1e6  # (N, J) USD millions
    exports = X.sum(axis=0)  # (origin, sector)
    domestic = go - exports
    n_neg = int((domestic < 0).sum())
    X[idx, idx, :] = np.maximum(domestic, 0.0)
    tariff = cp_tariffs(files.tariffs1993_pct)
    va_share = files.va_share.T.copy()
    io = np.maximum(files.io.reshape(n, J_CP, J_CP), 0.0)
    col = io.sum(axis=1, keepdims=True)
    io = np.divide(io, col, out=np.zeros_like(io), where=col > 0)
    theta = np.concatenate([files.theta, np.full(J_CP - J_TRADABLE, THETA_NONTRADABLE)])
    deficit = X.sum(axis=(1, 2)) - X.sum(axis=(0, 2))
    alpha = final_shares_from_flows(X, tariff, va_share, io, deficit)
    return World(
        name="cp1993",
        year=1993,
        countries=tuple(CP_COUNTRIES),
        sectors=tuple(code for code, _ in CP_SECTORS),
        sector_labels=tuple(label for _, label in CP_SECTORS),
        trade_usd_m=X,
        tariff=tariff,
        theta=theta,
        va_share=va_share,
        io=io,
        final_share=alpha,
        deficit_usd_m=deficit,
        provenance={
            "source": "Caliendo & Parro (2015), Review of Economic Studies 82(1):1-44, "
            "doi:10.1093/restud/rdu035; authors' replication files Data_and_Codes_CP.zip",
            "files": "xbilat1993.txt tariffs1993.txt IO.txt B.txt GO.txt T.txt",
            "licence": "authors' published replication data, academic use; cite the paper",
            "transformations": [
                "trade: thousands of USD -> USD millions; layout (sector*31+importer, exporter) "
                "-> [destination, origin, sector]",
                "gross output: USD -> USD millions (GO.txt, sector x country)",
                f"domestic sales = gross output - exports ({n_neg} negative cells set to zero)",
                "tariffs: percent -> fractions",
                "IO: one negative coefficient (CAN, OTH in BMT, -0.00085) set to 0; columns renormalised to sum to 1",
                "theta: T.txt for 20 tradables; 8.22 for 20 non-tradables (authors' script)",
                "final-demand shares from goods-market clearing, negatives set to 0, renormalised",
            ],
        },
    )
