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

