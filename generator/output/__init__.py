"""The output stage: writing an output folder whole or not at all (a journal), its
manifest, and one run per folder at a time (a lock).
"""
