"""``spark-submit`` entry point: ``spark-submit --master URL path/to/kroniek/spark/submit.py INPUT... --db URL --out DIR``.

The arguments are those of ``kroniek spark-ingest`` (without ``--master``:
spark-submit sets it).
"""
from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> None:
    """Run ``kroniek spark-ingest`` with spark-submit's session."""
    from ..cli.spark import spark_ingest_command

    spark_ingest_command.main(args=argv if argv is not None else sys.argv[1:], prog_name="kroniek spark-ingest")


if __name__ == "__main__":
    main()
