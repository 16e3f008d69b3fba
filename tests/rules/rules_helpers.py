from datetime import date, timedelta


def report(rid, reported, incident=None, to="police", **extra):
    """A report dict; dates are ISO strings or date objects."""
    out = {"id": rid, "reported_date": str(reported), "incident_date": str(incident or reported), "reported_to": to}
    out.update(extra)
    return out


def days_before(d: date, n: int) -> date:
    return d - timedelta(days=n)
