"""Files in and out: answers files, export and import (with its JSON Schema), the demo data and
the guard on every output path.

May import: ``storage``, ``question_sets``, ``core`` and the kernel. Never a front end.
"""
