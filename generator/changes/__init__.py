"""What changed for an SDK's users: the surface a target describes, the report that
compares two surfaces, and the version bump it suggests.
"""
