"""Normalization: make figures and names comparable (exchange rates, units, names, sectors).

Each submodule exposes a pipeline component (an ``Extraction -> Extraction`` function) registered in
``zonewatch.pipeline.default_components`` after extraction: ``fx.convert_amounts``, ``units.measure``,
``names.canonicalize``, ``sectors.classify``.
"""
