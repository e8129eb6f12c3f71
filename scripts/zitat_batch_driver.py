"""spark-submit entry point: exactly ``zitat batch`` with the arguments passed through.

spark-submit needs a Python file as the application; this is it. The Spark master and
resources come from spark-submit (``zitat batch`` without ``--master`` keeps them).
"""

import sys

from zitat.cli import main

if __name__ == "__main__":
    sys.argv = ["zitat", "batch", *sys.argv[1:]]
    main()
