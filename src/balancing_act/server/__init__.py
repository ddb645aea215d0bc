"""The live class: a server on the teacher's computer that students join from any browser.

`app.create_app` builds the Starlette application; `live.LiveClass` plays every student's game
with the play layer and keeps it in `store.ClassStore` (SQLite), so the server's records are the
class's results. Nothing here imports pygame.
"""
