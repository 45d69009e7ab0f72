"""What every lecture script repeats, written once: data, seeding, devices, metrics, plots, files.

Each submodule has one job; lecture scripts import what they need from it, e.g.
``from lecture_code.common.data import load_splits``.
"""
