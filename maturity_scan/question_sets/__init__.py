"""Question sets on disk: reading and validating a TOML set, the parsed-set cache, the
installed catalogue.

May import: ``core`` and the kernel (``inputs``, ``atomic``, ``errors``, ``paths``, ...).
Never: storage, exchange, presentation or a front end.
"""
