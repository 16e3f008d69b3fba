"""What an application is, in the terms every deployable shares (the kinds of victim)."""
