"""Eligibility: rules, their context, findings and reports (see ``ekosysteemi.rules``)."""
