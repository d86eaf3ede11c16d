"""Lesson 11's training data (data/finetune/tool-calls.jsonl) never contains a test request of
data/tools/requests.csv (lessons 07 and 11 score on those 44), nor a near copy of one: the same words
once digits, ids and punctuation are normalised away, or a word-set overlap (Jaccard) of 0.8 or more."""
import csv
import json
import re
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data"
TOOLS = {"search_products", "get_stock", "order_status", "place_order", "calculate"}


def words(text):
    out = []
    for w in re.findall(r"[a-z0-9%.-]+", text.lower()):
        w = w.strip(".")
        if w:
            out.append("#" if re.search(r"\d", w) else w)
    return out


def examples():
    with open(DATA / "finetune" / "tool-calls.jsonl", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def lesson07_requests():
    with open(DATA / "tools" / "requests.csv", encoding="utf-8") as f:
        return [r["request"] for r in csv.DictReader(f)]


def test_no_test_request_or_near_copy_is_in_the_training_data():
    tests = [(t, words(t)) for t in lesson07_requests()]
    assert len(tests) == 44
    leaks = []
    for e in examples():
        w = words(e["request"])
        for t, tw in tests:
            jaccard = len(set(w) & set(tw)) / len(set(w) | set(tw))
            if w == tw or jaccard >= 0.8:
                leaks.append((e["id"], e["request"], t, round(jaccard, 2)))
    assert not leaks, leaks


def test_the_near_copy_rule_would_catch_a_copy():
    # the check above must be able to fail: a test request with another id, case and punctuation is caught
    assert words("check the stock of p05!") == words("Check the stock of P12.")


def test_at_least_300_training_examples_with_well_formed_targets():
    ex = examples()
    train = [e for e in ex if e["split"] == "train"]
    assert len(train) >= 300
    assert {e["split"] for e in ex} == {"train", "heldout"}
    assert len({e["id"] for e in ex}) == len(ex)
    for e in ex:
        assert bool(e["calls"]) != bool(e["reply"]), e["id"]      # a target is either tool calls or words
        for c in e["calls"]:
            assert c["name"] in TOOLS and isinstance(c["arguments"], dict), e["id"]
        assert len(e["history"]) % 2 == 0, e["id"]                # (call, result) pairs
