"""Chapter 7, "The environment cannot live-stream": parcels, packaging, emissions and limits.

The chapter covers five topics, one module each; the page and the notebook use the names below.

- :mod:`~seckill.chapters.ch07.parcels`: parcel counts per year and per person, the Singles' Day
  peak against an ordinary day;
- :mod:`~seckill.chapters.ch07.footprint`: published packaging and delivery estimates, and the
  parcel calculator (interactive on the static page);
- :mod:`~seckill.chapters.ch07.carbon`: territorial and consumption-based CO2, per person, and
  China's decoupling of GDP from CO2;
- :mod:`~seckill.chapters.ch07.budget`: the emissions-path explorer against the 1.5 °C budget;
- :mod:`~seckill.chapters.ch07.limits`: the material footprint and the doughnut.

:func:`~seckill.chapters.ch07.numbers.chapter_numbers` returns every number the page quotes, from all
five.

Functions named ``*_table`` take the loaded data and return tidy DataFrames, ``*_summary`` return
numbers the page quotes, and ``*_chart`` return Altair charts. The interactive charts' formulas are
those of :mod:`seckill.models.parcels` and :mod:`seckill.models.decoupling`, written as Vega
expressions; the tests check the two agree.
"""

from seckill.chapters.ch07.budget import (
    Y_MAX_GT,
    budget_explorer_chart,
    budget_path_start_table,
    emissions_factor_expression,
    path_grid,
    required_decline_line,
)
from seckill.chapters.ch07.carbon import (
    CONSUMPTION,
    ECONOMY_ORDER,
    TERRITORIAL,
    decoupling_chart,
    decoupling_summary,
    decoupling_table,
    decoupling_text,
    first_year_above,
    kaya_check_text,
    per_person_chart,
    per_person_table,
    totals_chart,
    totals_long,
)
from seckill.chapters.ch07.footprint import (
    CALCULATOR_MAX_MT,
    emission_estimates_chart,
    footprint_text,
    parcel_calculator_chart,
    parcel_calculator_start,
    parcel_expressions,
)
from seckill.chapters.ch07.limits import doughnut_chart, material_footprint_chart, material_footprint_table
from seckill.chapters.ch07.numbers import BOTH_MEASURES_YEAR, chapter_numbers
from seckill.chapters.ch07.parcels import (
    ONE_DAY,
    SEASON,
    WHOLE_YEAR,
    parcels_chart,
    season_comparison_table,
    singles_day_parcels_chart,
    singles_day_parcels_table,
)

__all__ = [
    "BOTH_MEASURES_YEAR",
    "CALCULATOR_MAX_MT",
    "CONSUMPTION",
    "ECONOMY_ORDER",
    "ONE_DAY",
    "SEASON",
    "TERRITORIAL",
    "WHOLE_YEAR",
    "Y_MAX_GT",
    "budget_explorer_chart",
    "budget_path_start_table",
    "chapter_numbers",
    "decoupling_chart",
    "decoupling_summary",
    "decoupling_table",
    "decoupling_text",
    "doughnut_chart",
    "emission_estimates_chart",
    "emissions_factor_expression",
    "first_year_above",
    "footprint_text",
    "kaya_check_text",
    "material_footprint_chart",
    "material_footprint_table",
    "parcel_calculator_chart",
    "parcel_calculator_start",
    "parcel_expressions",
    "parcels_chart",
    "path_grid",
    "per_person_chart",
    "per_person_table",
    "required_decline_line",
    "season_comparison_table",
    "singles_day_parcels_chart",
    "singles_day_parcels_table",
    "totals_chart",
    "totals_long",
]
