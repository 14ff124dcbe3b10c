"""One registry of importers and exporters for the whole project (after pretix's exporters).

Each app declares its importers and exporters in a `transfer.py` module with `@register`; the
generic views here do the rest the same way for all of them: size and row limits, XLSX read in
read-only mode with a cap on its decompressed size, UTF-8 then cp1252 for CSV, a dry-run preview,
errors per row, and nothing half-imported.
"""
