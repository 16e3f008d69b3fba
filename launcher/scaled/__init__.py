"""For whoever runs several instances on one machine (`make run-scaled`) and the scale-out test:
PostgreSQL, Redis and HAProxy from Debian's packages (daemons.py), the balancer's
configuration (haproxy.py) and the product's services twice over (stack.py). docs/scale-out.md
says how the parts fit; deploy/ runs the same across machines."""
