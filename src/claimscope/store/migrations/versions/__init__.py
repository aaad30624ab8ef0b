"""Revisions, one file each, chained by `down_revision`; see `claimscope.store.migrate`."""
