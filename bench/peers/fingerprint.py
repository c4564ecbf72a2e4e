"""The generator's order-independent fingerprint of word counts, in Python (see generator/corpus.ts)."""


def word_hash(word):
    """FNV-1a over the word's code units, as wordHash in corpus.ts."""
    h = 0x811C9DC5
    for ch in word:
        h ^= ord(ch)
        h = (h * 0x01000193) & 0xFFFFFFFF
    return h


def of(counts):
    """Sum of hash(word) * count modulo 2^32."""
    f = 0
    for w, n in counts.items():
        f = (f + word_hash(w) * n) & 0xFFFFFFFF
    return f
