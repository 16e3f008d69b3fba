"""Simulated residents (tests/corpora/residents) played against the running assistant (issue 15).

driver.py runs one conversation; asked.py recognises what the assistant asks; answers.py
answers it from the profile's facts in the profile's style; checks.py compares what reached
the case system with `expect`; report.py writes results/residents/.
"""
