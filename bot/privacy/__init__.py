"""Keep what residents type out of every log line."""
