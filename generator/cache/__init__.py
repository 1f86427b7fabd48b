"""What a run keeps for the next one: the cache store, the record of a run whose inputs
are unchanged, and the shortcuts after an edit to the spec's prose.
"""
