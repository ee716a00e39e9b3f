"""Seeing many orders at once: the register and the order view."""
