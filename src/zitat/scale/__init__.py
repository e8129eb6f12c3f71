"""Corpus scale: the analyze step inside Spark, Parquet tables, and loading them into a store.

``zitat batch`` (:func:`zitat.scale.job.run_batch`) writes the tables described in
:mod:`zitat.scale.tables`; ``zitat load`` (:func:`zitat.scale.load.load_tables`) puts
them into any store. Needs the ``spark`` extra (pyspark, pyarrow, pandas) and Java 17+;
nothing here is imported by the rest of zitat.
"""
