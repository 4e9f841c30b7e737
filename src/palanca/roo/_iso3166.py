"""The officially assigned ISO 3166-1 alpha-3 country codes (249 entries, as published by the ISO 3166
Maintenance Agency), for checking a material's country of origin."""

from __future__ import annotations

ISO3166_ALPHA3: frozenset[str] = frozenset(
    """
    ABW AFG AGO AIA ALA ALB AND ARE ARG ARM ASM ATA ATF ATG AUS AUT AZE BDI BEL BEN BES BFA BGD BGR BHR BHS
    BIH BLM BLR BLZ BMU BOL BRA BRB BRN BTN BVT BWA CAF CAN CCK CHE CHL CHN CIV CMR COD COG COK COL COM CPV
    CRI CUB CUW CXR CYM CYP CZE DEU DJI DMA DNK DOM DZA ECU EGY ERI ESH ESP EST ETH FIN FJI FLK FRA FRO FSM
    GAB GBR GEO GGY GHA GIB GIN GLP GMB GNB GNQ GRC GRD GRL GTM GUF GUM GUY HKG HMD HND HRV HTI HUN IDN IMN
    IND IOT IRL IRN IRQ ISL ISR ITA JAM JEY JOR JPN KAZ KEN KGZ KHM KIR KNA KOR KWT LAO LBN LBR LBY LCA LIE
    LKA LSO LTU LUX LVA MAC MAF MAR MCO MDA MDG MDV MEX MHL MKD MLI MLT MMR MNE MNG MNP MOZ MRT MSR MTQ MUS
    MWI MYS MYT NAM NCL NER NFK NGA NIC NIU NLD NOR NPL NRU NZL OMN PAK PAN PCN PER PHL PLW PNG POL PRI PRK
    PRT PRY PSE PYF QAT REU ROU RUS RWA SAU SDN SEN SGP SGS SHN SJM SLB SLE SLV SMR SOM SPM SRB SSD STP SUR
    SVK SVN SWE SWZ SXM SYC SYR TCA TCD TGO THA TJK TKL TKM TLS TON TTO TUN TUR TUV TWN TZA UGA UKR UMI URY
    USA UZB VAT VCT VEN VGB VIR VNM VUT WLF WSM YEM ZAF ZMB ZWE
    """.split()
)


def origin_problem(origin: object) -> str | None:
    """``None`` for an assigned alpha-3 code; otherwise what is wrong and the fix (the closest code where one is)."""
    import difflib

    if isinstance(origin, str) and origin in ISO3166_ALPHA3:
        return None
    if isinstance(origin, str) and origin.upper() in ISO3166_ALPHA3:
        return f'must be an upper-case ISO 3166 alpha-3 code; write "{origin.upper()}".'
    close: list[str] = []
    if isinstance(origin, str):
        code = origin.upper()
        swapped = [c for c in sorted(ISO3166_ALPHA3) if sorted(c) == sorted(code)]  # transposed letters first
        close = swapped[:1] or difflib.get_close_matches(code, sorted(ISO3166_ALPHA3), n=1)
    hint = f'did you mean "{close[0]}"? ' if close else ""
    return f'must be an ISO 3166 alpha-3 code (an assigned country code); {hint}give e.g. "MEX" or "CHN".'
