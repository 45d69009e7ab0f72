"""The course's lecture code: one runnable, tested script per demo, grouped by lecture."""
