"""The course's grading tools: a pytest grader plugin and the ``course`` command.

Students use ``course grade`` and ``course submit``; the instructor-only commands (``stubs``,
``check``, ``release``, ``autograder``) live in modules that ``course release`` leaves out of the
student repository.
"""
