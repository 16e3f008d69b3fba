"""For caseworkers and testers, not deployed with the product: `asb-review` (tools/cli.py), the
scripted dialogue runner (tools/dialogue_tests) and the held-out NLU evaluation (tools/nlu_eval.py)."""
