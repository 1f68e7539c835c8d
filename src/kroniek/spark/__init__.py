"""Annotating archives beyond one machine with Apache Spark (``kroniek spark-ingest``)."""
