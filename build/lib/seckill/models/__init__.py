"""The book's models: small pure functions of validated inputs, with units in their names.

No charts, no data loading, no chapter code: a model takes numbers (or a small DataFrame) and
returns numbers or a DataFrame, and a bad input stops with a ``ValueError`` that names it
(:mod:`~seckill.models.checks`). Chapters calibrate them from the data package.

- :mod:`~seckill.models.growth`: compound growth, doubling times, projections (Chapter 1);
- :mod:`~seckill.models.flash_sale`: a flash sale as a race between buyers and stock (Chapter 2);
- :mod:`~seckill.models.value_chain`, :mod:`~seckill.models.capacity`: who gets what of a price,
  and how much a maker can supply (Chapter 3);
- :mod:`~seckill.models.incomes`, :mod:`~seckill.models.streamer`: income distributions and a
  streamer's month and cohort (Chapter 4);
- :mod:`~seckill.models.rebalancing`: the consumption share of GDP over time (Chapter 6);
- :mod:`~seckill.models.parcels`, :mod:`~seckill.models.decoupling`: parcel footprints and
  emissions paths against a carbon budget (Chapter 7);
- :mod:`~seckill.models.scenarios`: the models above wired into one scenario (Chapter 8);
- :mod:`~seckill.models.cart`: one shopper's parcels and their footprint (Chapter 9).
"""
