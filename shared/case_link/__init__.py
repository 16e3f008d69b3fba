"""How the assistant and a case system talk (docs/case-system.openapi.yaml): the contract, the signature, the shared secrets and addresses."""
