"""The pages, one module per page; each exposes a `router`."""

from claimscope.web.views import apidocs, claims, document, map, source, topic, topics

PAGES = (topics, topic, map, claims, document, source, apidocs)
