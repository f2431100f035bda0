"""Exercises for the notebooks, with checks that say whether an answer is right and, if not, why.

One module per chapter (``ch01`` ... ``ch08``); each exercise has ``check(answer)`` and ``hint()``.
A notebook imports its chapter's module: ``from seckill.exercises import ch02 as ex``.
"""
