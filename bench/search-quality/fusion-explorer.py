#!/usr/bin/env python3
"""Tries hybrid fusions offline, on the rankings the platform gives each single mode (issue 17's levers).

With `./platform up` running and the corpus uploaded by `bench/run search-quality`:

    eval "$(./infra env | sed 's/^/export /')"
    bench/search-quality/fusion-explorer.py collect   # each question in semantic and full text, 50 documents deep
    bench/search-quality/fusion-explorer.py evaluate  # hit@5 and MRR@10 of every fusion, per half

`collect` asks `GET /api/search` (semantic) as the benchmark's reader and queries OpenSearch directly with the
full-text query's variants (the current one first, so its figures can be checked against the API's), and
writes bench/target/fusion-rankings.json. `evaluate` fuses the document rankings in each way and scores them
against bench/search-quality/questions.tsv. It only ranks what the platform returned: a fusion it favours is
then built into the query-side and measured for real by `bench/run search-quality` (docs/knowledge-hub.md).
"""
import base64
import json
import os
import sys
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
QUESTIONS = ROOT / "bench/search-quality/questions.tsv"
RANKINGS = ROOT / "bench/target/fusion-rankings.json"
ISSUER = os.environ.get("AIC_ISSUER_URL", "http://127.0.0.1:9000")
QUERY_SIDE = os.environ.get("AIC_QUERY_URL", "http://127.0.0.1:8082")
READER = os.environ.get("AIC_READER", "search-quality-reader")
DEPTH = 50  # documents per mode
TITLE_BOOSTS = (0, 1, 1.5, 2, 2.5, 3)  # 0: the text alone, the query before issue 17's tuning


def http_json(url, headers, body=None):
    request = urllib.request.Request(url, data=None if body is None else json.dumps(body).encode(),
                                     headers={**headers, "Content-Type": "application/json"})
    with urllib.request.urlopen(request) as response:
        return json.load(response)


def token():
    basic = base64.b64encode(f"{READER}:{os.environ.get('AIC_DEV_IDENTITY_SECRET', 'dev-secret')}".encode()).decode()
    request = urllib.request.Request(ISSUER + "/oauth2/token", data=b"grant_type=client_credentials", headers={
        "Authorization": "Basic " + basic, "Content-Type": "application/x-www-form-urlencoded"})
    with urllib.request.urlopen(request) as response:
        return json.load(response)["access_token"]


def questions():
    rows = [line.rstrip("\n").split("\t") for line in QUESTIONS.open()
            if not line.startswith("#") and not line.startswith("id\t")]
    return [{"id": r[0], "half": r[1], "q": r[2], "answers": r[3].split(",")} for r in rows]


def full_text_query(q, reader_id, title_boost):
    text = ({"match": {"text": q}} if title_boost == 0 else
            {"multi_match": {"query": q, "fields": ["text", f"title^{title_boost}"], "type": "most_fields"}})
    return {"size": DEPTH * 5, "_source": ["documentId"], "query": {"bool": {
        "must": [text], "should": [{"match_phrase": {"text.exact": {"query": q, "boost": 2.0}}}],
        "filter": [{"term": {"kind": "chunk"}}, {"term": {"searchable": True}}, {"term": {"ownerId": reader_id}}]}}}


def collect():
    bearer = {"Authorization": "Bearer " + token()}
    reader_id = http_json(QUERY_SIDE + "/api/me", bearer)["id"]
    opensearch = os.environ["AIC_OPENSEARCH_URL"] + "/document-chunks/_search"
    admin = {"Authorization": "Basic " + base64.b64encode(
        f"{os.environ['AIC_OPENSEARCH_USER']}:{os.environ['AIC_OPENSEARCH_PASSWORD']}".encode()).decode()}
    page_of = {}
    out = []
    for question in questions():
        params = {"q": question["q"], "mode": "semantic", "limit": DEPTH, "author": reader_id}
        semantic = http_json(QUERY_SIDE + "/api/search?" + urllib.parse.urlencode(params), bearer)["results"]
        question["semantic"] = [{"doc": d["documentId"], "score": d["score"]} for d in semantic]
        for boost in TITLE_BOOSTS:
            documents, seen = [], set()
            for hit in http_json(opensearch, admin, full_text_query(question["q"], reader_id, boost))["hits"]["hits"]:
                document = hit["_source"]["documentId"]
                if document not in seen:
                    seen.add(document)
                    documents.append({"doc": document, "score": hit["_score"]})
            question[f"words title^{boost}"] = documents[:DEPTH]
        out.append(question)
        print(question["id"], file=sys.stderr)
    cursor = None
    while True:
        page = http_json(QUERY_SIDE + "/api/documents?owner=me&limit=100"
                         + ("" if cursor is None else "&cursor=" + urllib.parse.quote(cursor)), bearer)
        for document in page["items"]:
            page_of[document["id"]] = document["originalFilename"]
        cursor = page.get("nextCursor")
        if cursor is None:
            break
    RANKINGS.parent.mkdir(exist_ok=True)
    RANKINGS.write_text(json.dumps({"pageOf": page_of, "questions": out}))
    print(f"{len(out)} questions written to {RANKINGS}", file=sys.stderr)


def page(file_name):
    """library-sched.pdf -> library/sched.html: the page a conversion or copy was uploaded from."""
    return file_name.rsplit(".", 1)[0].replace("-", "/", 1) + ".html"


def scores(ranked, answers):
    hit = any(p in answers for p in ranked[:5])
    reciprocal = next((1 / (i + 1) for i, p in enumerate(ranked[:10]) if p in answers), 0)
    return hit, reciprocal


def scaled(ranking):
    best = max((d["score"] for d in ranking), default=0)
    return {d["doc"]: (max(d["score"], 0) / best if best > 0 else 0) for d in ranking}


def convex(weight, words):
    def fuse(question):
        meaning, text = scaled(question["semantic"]), scaled(question[words])
        fused = {d: weight * meaning.get(d, 0) + (1 - weight) * text.get(d, 0) for d in set(meaning) | set(text)}
        return sorted(fused, key=lambda d: (-fused[d], d))
    return fuse


def reciprocal_rank(k, meaning_weight, words):
    def fuse(question):
        fused = {}
        for weight, ranking in ((meaning_weight, question["semantic"]), (1, question[words])):
            for rank, d in enumerate(ranking):
                fused[d["doc"]] = fused.get(d["doc"], 0) + weight / (k + rank + 1)
        return sorted(fused, key=lambda d: (-fused[d], d))
    return fuse


def single(mode):
    return lambda question: [d["doc"] for d in question[mode]]


def evaluate():
    data = json.loads(RANKINGS.read_text())
    page_of = {d: page(name) for d, name in data["pageOf"].items()}
    fusions = {"semantic": single("semantic")}
    for boost in TITLE_BOOSTS:
        words = f"words title^{boost}"
        fusions[words] = single(words)
        for k, weight in ((60, 1), (10, 2), (20, 3)):
            fusions[f"RRF of documents, k {k}, meaning x{weight}, {words}"] = reciprocal_rank(k, weight, words)
        for weight in (0.6, 0.7, 0.8, 0.9):
            fusions[f"scaled scores, meaning {weight}, {words}"] = convex(weight, words)
    print("| fusion | tuning hit@5 | tuning MRR@10 | checking hit@5 | checking MRR@10 |")
    print("|---|---|---|---|---|")
    for name, fuse in fusions.items():
        cells = []
        for half in ("tuning", "checking"):
            asked = [q for q in data["questions"] if q["half"] == half]
            results = [scores([page_of.get(d, "?") for d in fuse(q)], set(q["answers"])) for q in asked]
            cells += [sum(r[0] for r in results) / len(asked), sum(r[1] for r in results) / len(asked)]
        print(f"| {name} | " + " | ".join(f"{c:.3f}" for c in cells) + " |")


if __name__ == "__main__":
    {"collect": collect, "evaluate": evaluate}[sys.argv[1] if len(sys.argv) > 1 else "evaluate"]()
