"""Prints the per-notebook time table after the pytest summary."""


def pytest_terminal_summary(terminalreporter):
    rows = []
    for outcome in ("passed", "failed"):
        for report in terminalreporter.stats.get(outcome, []):
            props = dict(getattr(report, "user_properties", []))
            if report.when == "call" and "seconds" in props:
                rows.append((report.nodeid.split("[")[-1].rstrip("]"), outcome, props["seconds"]))
    if not rows:
        return
    terminalreporter.section("notebook times")
    width = max(len(r[0]) for r in rows)
    terminalreporter.write_line(f"{'notebook':<{width}}  {'result':<6}  seconds")
    for name, outcome, seconds in sorted(rows):
        terminalreporter.write_line(f"{name:<{width}}  {outcome:<6}  {seconds:>7.1f}")
    terminalreporter.write_line(f"{'total':<{width}}  {'':<6}  {sum(r[2] for r in rows):>7.1f}")


def pytest_sessionfinish(session):
    """Writes build/site/index.html linking the HTML of each executed notebook."""
    from pathlib import Path
    site = Path(__file__).resolve().parents[1] / "build" / "site"
    pages = sorted(p.name for p in site.glob("[0-9][0-9]-*.html")) if site.is_dir() else []
    if pages:
        links = "\n".join(f'<li><a href="{p}">{p[:-5]}</a></li>' for p in pages)
        if (site / "chat-app.png").is_file():  # tests/test_chat_browser.py's screenshot of the lesson 09 app
            links += '\n<li><a href="chat-app.png">the chat app (lesson 09) in Chromium, from the browser test</a></li>'
        (site / "index.html").write_text(
            f"<!doctype html><meta charset=utf-8><title>Generative AI with Java</title>"
            f"<h1>Generative AI with Java, in notebooks: executed lessons</h1><ul>{links}</ul>\n", encoding="utf-8")
