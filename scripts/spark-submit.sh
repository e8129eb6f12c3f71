#!/usr/bin/env bash
# Package zitat for a Spark cluster and show (or run) the spark-submit command.
#
#   scripts/spark-submit.sh                     # build dist/ and print the commands
#   scripts/spark-submit.sh --run -- hdfs:///corpus/parquet --out hdfs:///zitat/out
#
# Builds:
#   dist/zitat-<version>-py3-none-any.whl  zitat with its models as package data
#   dist/zitat-env.tar.gz                  a venv-pack'ed virtualenv: the wheel plus its
#                                          dependencies (spaCy, pydantic, pandas, pyarrow)
# The archive is unpacked by Spark on every node as ./environment; executors run
# ./environment/bin/python. pyspark itself comes from the cluster's Spark installation.
# venv-pack does not bundle the interpreter: the nodes need the same Python version at
# the same path as this machine (use conda-pack or a container image otherwise).
#
# Environment: PYTHON (default python3), MASTER (default yarn), DEPLOY_MODE (default
# cluster), SPARK_SUBMIT (default spark-submit), EXECUTORS, EXECUTOR_CORES, EXECUTOR_MEMORY.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-python3}"
MASTER="${MASTER:-yarn}"
DEPLOY_MODE="${DEPLOY_MODE:-cluster}"
SPARK_SUBMIT="${SPARK_SUBMIT:-spark-submit}"
EXECUTORS="${EXECUTORS:-16}"
EXECUTOR_CORES="${EXECUTOR_CORES:-4}"
EXECUTOR_MEMORY="${EXECUTOR_MEMORY:-6g}"   # ~1 GB per core for a spaCy pipeline + Arrow batches

run=0
if [ "${1:-}" = "--run" ]; then run=1; shift; fi
if [ "${1:-}" = "--" ]; then shift; fi

# 1. The wheel (models are package data inside it).
rm -rf dist/zitat-*.whl
"$PYTHON" -m pip wheel --quiet --no-deps --wheel-dir dist .
WHEEL="$(ls dist/zitat-*.whl)"
if ! "$PYTHON" -c 'import sys, zipfile; names = zipfile.ZipFile(sys.argv[1]).namelist(); sys.exit(not any(n.startswith("zitat/models/") and n.endswith("config.cfg") for n in names))' "$WHEEL"; then
    echo "warning: $WHEEL holds no trained model (src/zitat/models); workers would fall back" \
         "to the rule-only pipeline" >&2
fi

# 2. A relocatable virtualenv with the wheel and its dependencies.
rm -rf dist/zitat-env dist/zitat-env.tar.gz
"$PYTHON" -m venv dist/zitat-env
dist/zitat-env/bin/pip install --quiet --upgrade pip
dist/zitat-env/bin/pip install --quiet "$WHEEL" "pyarrow>=14" "pandas>=2.0" venv-pack
dist/zitat-env/bin/venv-pack --quiet -p dist/zitat-env -o dist/zitat-env.tar.gz
echo "built $WHEEL and dist/zitat-env.tar.gz ($(du -h dist/zitat-env.tar.gz | cut -f1))" >&2

# 3. The command. In cluster mode the driver runs on the cluster too, so it uses the
#    archive's interpreter; in client mode it runs here, with the build venv.
cmd=("$SPARK_SUBMIT" --master "$MASTER" --deploy-mode "$DEPLOY_MODE"
     --archives "dist/zitat-env.tar.gz#environment"
     --conf spark.pyspark.python=./environment/bin/python
     --conf spark.ui.showConsoleProgress=false
     --num-executors "$EXECUTORS" --executor-cores "$EXECUTOR_CORES"
     --executor-memory "$EXECUTOR_MEMORY")
if [ "$DEPLOY_MODE" = "client" ]; then
    cmd+=(--conf "spark.pyspark.driver.python=$PWD/dist/zitat-env/bin/python")
fi
cmd+=(scripts/zitat_batch_driver.py)

if [ "$run" = 1 ]; then
    exec "${cmd[@]}" "$@"
fi
printf '%q ' "${cmd[@]}"
echo '\'
echo '    hdfs:///corpus/articles.parquet --out hdfs:///zitat/batch --partitions 2000'
echo
echo "# then, from any machine with zitat[spark,postgres] and the output folder mounted:"
echo "zitat load /mnt/zitat/batch --db postgresql://zitat@db.example.org/zitat"
