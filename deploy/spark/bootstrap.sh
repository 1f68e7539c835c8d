#!/usr/bin/env bash
# Prepare a Debian or Ubuntu node (a Spark worker, an EMR/Dataproc bootstrap action) for
# kroniek spark-ingest: Frog and Timbl from apt, kroniek and PySpark in /opt/kroniek-venv, and
# Frog's compiled entity model once. Then set PYSPARK_PYTHON=/opt/kroniek-venv/bin/python.
#   bash deploy/spark/bootstrap.sh [KRONIEK_SOURCE]   (a folder, a wheel or a git URL; default: this clone)
set -euo pipefail
SOURCE="${1:-$(cd "$(dirname "$0")/../.." && pwd)}"
SUDO=$([ "$(id -u)" = 0 ] || echo sudo)
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq frog frogdata timbl python3-venv openjdk-17-jre-headless
$SUDO python3 -m venv /opt/kroniek-venv
$SUDO /opt/kroniek-venv/bin/pip install --quiet "${SOURCE}[spark]"
$SUDO env KRONIEK_CACHE=/opt/kroniek-cache /opt/kroniek-venv/bin/python -m kroniek.nlp.frog_model
echo "export PYSPARK_PYTHON=/opt/kroniek-venv/bin/python KRONIEK_CACHE=/opt/kroniek-cache" | $SUDO tee /etc/profile.d/kroniek.sh
