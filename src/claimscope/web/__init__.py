"""The web workspace and JSON API (`claimscope serve`): pages and /api/v1 over the store, never extracting.

    app = create_app(Store(url), token=None)   # then uvicorn.run(app, host="127.0.0.1", port=8000)
"""

from claimscope.web.app import create_app

__all__ = ["create_app"]
