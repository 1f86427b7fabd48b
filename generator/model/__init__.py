"""The model stage: the language-neutral description of an API (:mod:`.ir`), built
from a loaded spec (:mod:`.build`), with the words, names and facts every target shares.
"""
