"""Inputs that several chapters share: data shaped once, and model settings calibrated from it.

Chapters never import each other; what one chapter's argument hands to a later one lives here.

- :mod:`~seckill.calibrations.singles_day`: Alibaba's headline Singles' Day GMV by year (Chapters
  1, 2 and 5);
- :mod:`~seckill.calibrations.flash_sale_inputs`: the flash-sale controls and the default sale
  (Chapters 2 and 8);
- :mod:`~seckill.calibrations.income_fit`: streamer incomes fitted to published survey bands
  (Chapters 4 and 8);
- :mod:`~seckill.calibrations.carbon_budget`: CO2 tables and the emissions-path starting point
  against the 1.5 °C budget (Chapters 7, 8 and 9);
- :mod:`~seckill.calibrations.parcel_inputs`: parcel counts and the parcel footprint factors
  (Chapters 7, 8 and 9);
- :mod:`~seckill.calibrations.doughnut`: the doughnut indicators (Chapters 7 and 8).

A module here may use the data loader and the models, never a chapter or a chart.
"""
