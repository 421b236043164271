"""maturity-scan: scan how mature an organisation's social procurement (sociale inkoop) is."""

__version__ = "0.1.0"
