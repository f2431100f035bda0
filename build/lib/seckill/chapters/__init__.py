"""One module per chapter: the tables, charts and quoted numbers of that chapter.

Functions named ``*_table`` shape the loaded data into tidy DataFrames, ``*_chart`` turn tables
into Altair charts (always through :func:`seckill.charts.finish`), and ``chapter_numbers()``
returns every number the chapter's narrative page quotes. The page and the notebook call the same
functions, so the two always show the same numbers.

A chapter module uses the floors below it (data loading, models, shared calibrations, charts) and
never another chapter: what two chapters share lives in :mod:`seckill.calibrations`.
"""
