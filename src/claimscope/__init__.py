"""claimscope: who claims what, sourced, dated and geolocated, reconciled across sources."""

__version__ = "0.1.0"
