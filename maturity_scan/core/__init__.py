"""The domain, pure: models, the question-set catalogue lookup, scoring, advice, history,
comparison (and the report model every front end renders).

May import: the kernel (``lang``, ``errors``, ``i18n``, ``dates``, ``visible``) and msgspec.
Never: storage, files, the network, ``json``, ``tinydb``, Textual, click or Rich
(import-linter contracts in ``pyproject.toml``).
"""
