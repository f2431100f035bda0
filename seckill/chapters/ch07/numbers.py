"""Chapter 7, every number the page quotes: parcels, packaging, CO2 counted two ways, limits, budget."""

from __future__ import annotations

from seckill.calibrations import carbon_budget, doughnut, parcel_inputs
from seckill.chapters.ch07.carbon import (
    CONSUMPTION,
    TERRITORIAL,
    decoupling_summary,
    first_year_above,
    per_person_table,
    totals_long,
)
from seckill.chapters.ch07.limits import material_footprint_table
from seckill.chapters.ch07.parcels import WHOLE_YEAR, season_comparison_table, singles_day_parcels_table
from seckill.models import decoupling, parcels

# The last year with both territorial and consumption-based CO2 in the data; the page compares
# the two counts per person in this year.
BOTH_MEASURES_YEAR = 2017

# Published estimates of packaging and delivery the page quotes, by their id in the data package.
QUOTED_ESTIMATES = [
    "su2020-waste",
    "su2020-co2e",
    "greenpeace-material",
    "greenpeace-material-2025",
    "greenpeace-co2e",
    "kang2021-scrap",
    "kang2021-transport",
    "kang2021-per-parcel",
    "kang2021-transport-2035",
    "greenpeace-reuse",
    "spb2023-paper-recovery",
]

# Each quoted estimate's name ends in its unit, so that the Chinese edition can write millions of
# tonnes in 万吨 (``est_su2020_waste_mt`` is also glued as ``est_su2020_waste_wan_t``).
ESTIMATE_UNIT_SUFFIXES = {
    "Mt": "_mt",
    "Mt CO2": "_mt",
    "Mt CO2e": "_mt",
    "kg CO2e per parcel": "_kg",
    "%": "_pct",
}


def chapter_numbers() -> dict[str, float]:
    """Every number the Chapter 7 page quotes, by name, as floats, from the data package and the models.

    Groups of keys: ``parcels_*``, ``sd_*`` and ``ordinary_day_*`` parcel counts (billions, or
    per person); ``est_*`` published estimates in the data's units (id with ``_`` for ``-``);
    ``pd_*`` the parcel calculator's starting values (``*_mt`` million tonnes CO2e or material;
    ``pd_2018_*`` the same model on the 2018 count); ``pp_*`` tonnes of CO2 per person in
    :data:`BOTH_MEASURES_YEAR` (``terr`` territorial, ``cons`` consumption-based); ``mf_*``
    material footprint in tonnes per person; ``dn_*`` doughnut counts and ratios; decoupling
    growth in percent and totals in ``*_gt`` (billion tonnes CO2); ``b_*`` the emissions-path
    model's starting values and results against the 1.5 °C budget (Gt CO2, percent a year, years);
    ``ex_*`` and the cross-over years for the exercises.
    """
    numbers: dict[str, float] = {}

    # Parcels
    counts = parcel_inputs.parcels_table()
    by_year = counts.set_index("year")
    first_year, last_year = int(counts["year"].min()), int(counts["year"].max())
    numbers["parcels_first_year"] = first_year
    numbers["parcels_first_bn"] = by_year.loc[first_year, "parcels_bn"]
    numbers["parcels_last_bn"] = by_year.loc[last_year, "parcels_bn"]
    numbers["parcels_last_per_person"] = by_year.loc[last_year, "parcels_per_person"]
    numbers["parcels_2018_bn"] = by_year.loc[2018, "parcels_bn"]
    numbers["parcels_2021_lower_bn"] = by_year.loc[2021, "parcels_bn"]  # a lower bound (see the data)
    numbers["parcels_ratio_2024_2018"] = by_year.loc[2024, "parcels_bn"] / by_year.loc[2018, "parcels_bn"]
    numbers["parcels_growth_2022_pct"] = 100 * (
        by_year.loc[2022, "parcels_bn"] / by_year.loc[2021, "parcels_bn"] - 1
    )

    season = singles_day_parcels_table()
    sd_2023 = season[(season["year"] == 2023) & (season["window_days"] > 1)].iloc[0]
    numbers["sd_2023_bn"] = sd_2023["parcels_bn"]
    numbers["sd_2023_per_day_bn"] = sd_2023["parcels_per_day_bn"]
    sd_2021_day = season[(season["year"] == 2021) & (season["window_days"] == 1)].iloc[0]
    numbers["sd_2021_day_bn"] = sd_2021_day["parcels_bn"]
    comparison = season_comparison_table(season, counts)
    ordinary = comparison[comparison["window"] == WHOLE_YEAR].set_index("year")["parcels_per_day_bn"]
    numbers["ordinary_day_2023_bn"] = ordinary[2023]

    # Packaging and delivery emissions
    estimates = parcel_inputs.estimates_table().set_index("estimate_id")
    for key in QUOTED_ESTIMATES:
        unit = estimates.loc[key, "unit"]
        if unit not in ESTIMATE_UNIT_SUFFIXES:
            raise ValueError(
                f"estimate {key!r} is in {unit!r}: add its name suffix to ESTIMATE_UNIT_SUFFIXES"
            )
        numbers["est_" + key.replace("-", "_") + ESTIMATE_UNIT_SUFFIXES[unit]] = estimates.loc[key, "value"]

    defaults = parcel_inputs.parcel_defaults()
    for key in [
        "packaging_g_per_parcel",
        "packaging_t_co2e_per_t",
        "transport_kg_co2e_per_parcel",
        "co2e_kg_per_person",
    ]:
        numbers["pd_" + key] = defaults[key]
    numbers["pd_year"] = defaults["year"]
    numbers["pd_total_mt"] = defaults["total_co2e_t"] / 1e6
    numbers["pd_packaging_mt"] = defaults["packaging_co2e_t"] / 1e6
    numbers["pd_transport_mt"] = defaults["transport_co2e_t"] / 1e6
    numbers["pd_new_packaging_mt"] = defaults["new_packaging_t"] / 1e6

    co2 = carbon_budget.co2_table()
    china = co2[co2["economy_code"] == "chn"].set_index("year")
    # The calculator's factors applied to the 2018 count, to set against China's CO2 that year.
    result_2018 = parcels.parcel_footprint(
        defaults["parcels_bn_2018"] * 1e9,
        packaging_g_per_parcel=defaults["packaging_g_per_parcel"],
        packaging_t_co2e_per_t=defaults["packaging_t_co2e_per_t"],
        transport_kg_co2e_per_parcel=defaults["transport_kg_co2e_per_parcel"],
        population=float(china.loc[2018, "population"]),
    )
    numbers["pd_2018_total_mt"] = result_2018["total_co2e_t"] / 1e6
    numbers["pd_2018_share_pct"] = (
        100 * result_2018["total_co2e_t"] / 1e6 / china.loc[2018, "co2_territorial_mt"]
    )
    numbers["china_co2_2018_gt"] = china.loc[2018, "co2_territorial_mt"] / 1000

    # CO2 counted two ways
    pp = per_person_table(co2, BOTH_MEASURES_YEAR).set_index(["economy", "measure"])["t_per_person"]
    numbers["pp_chn_terr"] = pp[("China", TERRITORIAL)]
    numbers["pp_chn_cons"] = pp[("China", CONSUMPTION)]
    numbers["pp_usa_terr"] = pp[("United States", TERRITORIAL)]
    numbers["pp_usa_cons"] = pp[("United States", CONSUMPTION)]
    numbers["pp_wld_terr"] = pp[("World", TERRITORIAL)]
    numbers["chn_cons_share_pct"] = (
        100
        * china.loc[BOTH_MEASURES_YEAR, "co2_consumption_mt"]
        / china.loc[BOTH_MEASURES_YEAR, "co2_territorial_mt"]
    )

    # Material footprint and the doughnut
    footprint = material_footprint_table()
    mf = footprint.set_index(["economy_code", "year"])["material_footprint_t_per_person"]
    mf_first, mf_last = int(footprint["year"].min()), int(footprint["year"].max())
    numbers["mf_first_year"] = mf_first
    numbers["mf_last_year"] = mf_last
    numbers["mf_chn_first"] = mf[("chn", mf_first)]
    for code in ("chn", "usa", "wld"):
        numbers[f"mf_{code}_last"] = mf[(code, mf_last)]
    numbers["mf_chn_wld_ratio"] = mf[("chn", mf_last)] / mf[("wld", mf_last)]
    rings = doughnut.doughnut_table()
    numbers["dn_year"] = rings["year"].iloc[0]
    # A ratio is the country's value over the boundary: above 1 overshoots a ceiling
    # (biophysical), at least 1 meets a floor (social).
    for code in ("chn", "usa"):
        rows = rings[rings["economy_code"] == code]
        bio, social = rows[rows["dimension"] == "biophysical"], rows[rows["dimension"] == "social"]
        numbers[f"dn_{code}_over"] = (bio["ratio"] > 1).sum()
        numbers[f"dn_{code}_met"] = (social["ratio"] >= 1).sum()
        numbers[f"dn_{code}_ef"] = bio.set_index("indicator").loc["Ecological Footprint", "ratio"]
    numbers["dn_n_bio"] = (rings.query("economy_code == 'chn'")["dimension"] == "biophysical").sum()
    numbers["dn_n_social"] = (rings.query("economy_code == 'chn'")["dimension"] == "social").sum()

    # Decoupling
    summary = decoupling_summary(co2)
    for key in [
        "gdp_growth_1990_2016",
        "emissions_growth_1990_2016",
        "intensity_decline_1990_2016",
        "gdp_growth_2013_2016",
        "emissions_growth_2013_2016",
    ]:
        numbers[key + "_pct"] = 100 * summary[key]
    numbers["co2_1990_gt"] = summary["co2_1990_mt"] / 1000
    numbers["co2_2016_gt"] = summary["co2_2016_mt"] / 1000
    numbers["co2_2018_gt"] = summary["co2_2018_mt"] / 1000

    # Budget and Kaya
    budget = carbon_budget.budget_defaults()
    numbers["b_base_emissions_gt"] = budget["base_emissions_gtco2"]
    for key in ["budget_50", "budget_67", "budget_83"]:
        numbers[f"b_{key}_gt"] = budget[key]  # GtCO2
    numbers["b_population_growth_pct"] = 100 * budget["population_growth"]
    numbers["b_consumption_growth_pct"] = 100 * budget["consumption_growth"]
    numbers["b_intensity_decline_pct"] = 100 * budget["intensity_decline"]
    numbers["b_years_left"] = decoupling.years_of_budget_at_current_rate(
        budget["budget_50"], budget["base_emissions_gtco2"]
    )
    path = decoupling.calibrated_path(
        base_year=budget["base_year"],
        end_year=budget["end_year"],
        base_emissions_gtco2=budget["base_emissions_gtco2"],
        base_population=budget["base_population"],
        population_growth=budget["population_growth"],
        consumption_growth=budget["consumption_growth"],
        intensity_decline=budget["intensity_decline"],
    )
    numbers["b_path_2050_gt"] = path["emissions_gtco2"].iloc[-1]
    numbers["b_path_exhaustion_year"] = decoupling.budget_exhaustion_year(path, budget["budget_50"])
    needed = decoupling.required_intensity_decline(budget["population_growth"], budget["consumption_growth"])
    numbers["b_needed_pct"] = 100 * needed
    numbers["b_needed_rebound_pct"] = 100 * decoupling.required_intensity_decline(
        budget["population_growth"], budget["consumption_growth"], rebound=0.5
    )
    budgets = carbon_budget.budget_table()
    ar6 = budgets[(budgets["estimate"] == "IPCC AR6 WG1") & (budgets["probability_pct"] == 50)].iloc[0]
    numbers["ar6_budget_gt"] = ar6["budget_gtco2"]
    gcb23 = budgets[budgets["estimate"] == "Global Carbon Budget 2023"].iloc[0]
    igcc23 = budgets[budgets["estimate"] == "Indicators of Global Climate Change 2023"].iloc[0]
    numbers["gcb23_budget_gt"] = gcb23["budget_gtco2"]
    numbers["igcc23_budget_gt"] = igcc23["budget_gtco2"]

    # Exercises
    # Grams per parcel: one study's packaging tonnage for 2018 over that year's parcel count (no
    # study published a per-parcel figure).
    numbers["ex_greenpeace_g_per_parcel"] = (
        estimates.loc["greenpeace-material", "value"] / by_year.loc[2018, "parcels_bn"] * 1000
    )
    numbers["b_needed_ratio"] = needed / budget["intensity_decline"]
    numbers["chn_usa_cons_ratio_pct"] = 100 * pp[("China", CONSUMPTION)] / pp[("United States", CONSUMPTION)]
    totals = totals_long(co2)
    numbers["cross_territorial"] = first_year_above(totals, "Territorial")
    numbers["cross_consumption"] = first_year_above(totals, "Consumption-based")
    # A straight line down from today's emissions E to zero after N years uses about E × N / 2,
    # so the budget lasts N = 2 × budget ÷ E years and emissions fall by E ÷ N every year.
    numbers["ex_linear_years"] = 2 * budget["budget_50"] / budget["base_emissions_gtco2"]
    numbers["ex_linear_cut_gt"] = budget["base_emissions_gtco2"] ** 2 / (2 * budget["budget_50"])
    # Plain floats: the page formats each one, and numpy scalars would not format.
    return {key: float(number) for key, number in numbers.items()}
