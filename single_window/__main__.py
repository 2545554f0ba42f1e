from single_window.cli import app

app()
