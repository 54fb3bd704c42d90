"""pipeline/parse/nlp.py's cache: asking for more texts than it holds still answers every one."""

from pipeline.parse import nlp


def test_a_batch_that_fills_the_cache_still_returns_the_texts_cached_before(monkeypatch):
    monkeypatch.setattr(nlp, "_CACHE_SIZE", 3)
    nlp._cache.clear()
    first = nlp.analyse("Posts have a title.")
    batch = nlp.analyse_many(["Posts have a title.", "Tags have a name.", "Users log in.", "Ok."])
    assert batch[0] is first
    assert [a.text for a in batch] == [
        "Posts have a title.",
        "Tags have a name.",
        "Users log in.",
        "Ok.",
    ]
