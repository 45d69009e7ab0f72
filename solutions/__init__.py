"""Reference solutions, the single source of the student stubs in ``assignments/``.

Instructor-only: ``course release`` leaves this folder out of the student repository.
"""
