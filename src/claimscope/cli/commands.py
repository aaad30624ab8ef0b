"""Command modules, imported so that they register on the app (in this order in `claimscope --help`)."""

from claimscope.cli import db  # noqa: F401  (the global --db option)
from claimscope.cli import ingest  # noqa: F401
from claimscope.cli import extract  # noqa: F401
from claimscope.cli import browse  # noqa: F401
from claimscope.cli import report  # noqa: F401
from claimscope.cli import reconcile  # noqa: F401
from claimscope.cli import export  # noqa: F401
from claimscope.cli import demo  # noqa: F401
from claimscope.cli import serve  # noqa: F401
from claimscope.cli import eval  # noqa: F401
