"""Chapter 7's notebook exercises: CO2 counted two ways, parcel waste, and decoupling."""

from __future__ import annotations

from seckill import data
from seckill.calibrations import carbon_budget, parcel_inputs
from seckill.exercises.feedback import NumberExercise
from seckill.i18n import mark, tr
from seckill.models import decoupling, parcels


def _china_2017() -> dict[str, float]:
    co2 = carbon_budget.co2_table()
    row = co2[(co2["year"] == 2017) & (co2["economy_code"] == "chn")].iloc[0]
    return {
        "consumption": float(row["co2_consumption_t_per_person"]),
        "territorial": float(row["co2_territorial_t_per_person"]),
    }


def _footprint_2018(**changes) -> dict[str, float]:
    defaults = parcel_inputs.parcel_defaults()
    factors = {
        key: defaults[key]
        for key in ("packaging_g_per_parcel", "packaging_t_co2e_per_t", "transport_kg_co2e_per_parcel")
    }
    population = data.load("population").query("economy_code == 'chn'").set_index("year")["population"]
    return parcels.parcel_footprint(
        defaults["parcels_bn_2018"] * 1e9, population=float(population[2018]), **factors, **changes
    )


def _china_rates() -> dict[str, float]:
    co2 = carbon_budget.co2_table()
    china = co2[co2["economy_code"] == "chn"].set_index("year")
    return decoupling.historical_rates(
        start_population=china.loc[1990, "population"],
        end_population=china.loc[2016, "population"],
        start_gdp=china.loc[1990, "gdp_intl_usd_2011_bn"],
        end_gdp=china.loc[2016, "gdp_intl_usd_2011_bn"],
        start_emissions=china.loc[1990, "co2_territorial_mt"],
        end_emissions=china.loc[2016, "co2_territorial_mt"],
        years=2016 - 1990,
    )


def _needed_decline(rebound: float) -> float:
    rates = _china_rates()
    return decoupling.required_intensity_decline(
        rates["population_growth"], rates["gdp_per_person_growth"], rebound=rebound
    )


china_consumption_co2 = NumberExercise(
    expected=lambda: _china_2017()["consumption"],
    unit=mark("t CO2 a person"),
    hint_text=mark(
        "In the 2017 rows of carbon_budget.co2_table(), read China's co2_consumption_t_per_person."
    ),
    mistakes=lambda: [
        (
            _china_2017()["territorial"],
            tr(
                "that is the territorial count (made in China); the question asks "
                "for consumption (bought in China)."
            ),
        ),
    ],
)

waste_with_half_recycled = NumberExercise(
    expected=lambda: _footprint_2018(recycling_share=0.5)["waste_not_recycled_t"] / 1e6,
    unit=mark("Mt"),
    hint_text=mark(
        "Run parcels.parcel_footprint for 2018 as the notebook does, adding recycling_share=0.5, "
        "and divide waste_not_recycled_t by a million."
    ),
    mistakes=lambda: [
        (
            _footprint_2018()["waste_not_recycled_t"] / 1e6,
            tr("that is with nothing recycled; set recycling_share=0.5."),
        ),
        (
            _footprint_2018(recycling_share=0.5)["waste_not_recycled_t"],
            tr("that is in tonnes; divide by a million for Mt."),
        ),
    ],
)

decline_needed_with_rebound = NumberExercise(
    expected=lambda: _needed_decline(0.25),
    unit=mark("(fraction a year)"),
    hint_text=mark(
        "decoupling.required_intensity_decline(rates['population_growth'], "
        "rates['gdp_per_person_growth'], rebound=0.25)."
    ),
    mistakes=lambda: [
        (_needed_decline(0.0), tr("that is with no rebound; set rebound=0.25.")),
        (_needed_decline(0.25) * 100, tr("that is a percentage; give a fraction.")),
        (
            _china_rates()["intensity_decline"],
            tr("that is how fast intensity did fall, not how fast it must fall."),
        ),
    ],
)
