"""The database: the ``Store`` facade (``store``), its file format (``codec``), lock
(``lock``), snapshot read and unit of work (``database``), preparation (``preparation``), one
module per table (``scans``, ``targets``), answer journals, migrations, backups and file
fingerprints (``changes``).

May import: ``core`` and the kernel. Never: question-set loading (it gets a ``Catalog``),
exchange, presentation or a front end; never Textual, click or Rich.
"""
