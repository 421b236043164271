"""The database: the ``Store`` facade, its file codec, lock and unit of work, answer journals,
migrations, backups, the TinyDB adapter and file fingerprints.

May import: ``core`` and the kernel. Never: question-set loading (it gets a ``Catalog``),
exchange, presentation or a front end; never Textual, click or Rich.
"""
