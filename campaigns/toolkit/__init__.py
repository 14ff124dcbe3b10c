"""The ambassadors' communication toolkit: branding, editable texts, the ZIP build and the share log.

Importing this package has no side effects; the models are imported by `campaigns.models` and the
exporter is registered by `campaigns.apps`.
"""
