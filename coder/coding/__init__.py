"""Coding one text: segment, inflect, actors, triggers, roles, events, where-when, and the `Coder` that runs them."""
