"""A deterministic corpus of synthetic news articles for benchmarks and ingest tests.

Articles are built from template sentences written for newsgraph over a fixed
vocabulary of real-looking companies, people, officials, places, regulators and
products; the same seed always gives the same articles, ids and dates. Run
``python -m bench.corpus OUT.jsonl --docs 5000`` to write one.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

__all__ = ["generate", "write_corpus"]

COMPANIES = [
    "Tesla", "BYD", "Nvidia", "Baidu", "Huawei", "Xiaomi", "NIO", "XPeng", "CATL", "SMIC",
    "Alibaba", "Tencent", "Apple", "Foxconn", "Intel", "AMD", "Qualcomm", "Samsung", "TSMC",
    "Geely", "SAIC Motor", "Volkswagen", "Toyota", "General Motors", "Ford", "Li Auto",
    "Pony.ai", "WeRide", "Horizon Robotics", "Hesai", "ByteDance", "Micron", "ASML", "Didi",
]  # fmt: skip
LEADERS = {
    "Tesla": "Elon Musk", "BYD": "Wang Chuanfu", "Nvidia": "Jensen Huang", "Baidu": "Robin Li",
    "Huawei": "Ren Zhengfei", "Xiaomi": "Lei Jun", "Apple": "Tim Cook", "AMD": "Lisa Su",
    "Tencent": "Pony Ma", "Intel": "Pat Gelsinger", "General Motors": "Mary Barra",
}  # fmt: skip
OFFICIALS = ["Li Qiang", "He Lifeng", "Wang Yi", "Gina Raimondo", "Janet Yellen",
             "Antony Blinken", "Katherine Tai", "Olaf Scholz", "Emmanuel Macron"]  # fmt: skip
PLACES = [
    "Beijing", "Shanghai", "Shenzhen", "Hangzhou", "Guangzhou", "Wuhan", "Chengdu", "Hefei",
    "Lingang", "Pudong", "Berlin", "Munich", "Austin", "Fremont", "Tokyo", "Seoul", "Singapore",
    "Taipei", "Hsinchu", "Mexico City", "Monterrey", "Bangalore", "Paris", "Brussels",
]  # fmt: skip
COUNTRIES = ["China", "United States", "Germany", "Japan", "South Korea", "Netherlands",
             "Taiwan", "India", "Mexico", "Thailand"]  # fmt: skip
REGULATORS = ["Cyberspace Administration of China", "Bureau of Industry and Security",
              "US Department of Commerce", "State Administration for Market Regulation",
              "Ministry of Industry and Information Technology", "European Commission",
              "Federal Trade Commission"]  # fmt: skip
LAW_PLACES = ["China", "Germany", "Japan", "India", "Mexico", "Taiwan"]
LAWS = ["Data Security Law", "Cybersecurity Law", "Personal Information Protection Law",
        "Export Control Law", "Digital Markets Act", "CHIPS and Science Act"]  # fmt: skip
PRODUCTS = {
    "Tesla": ["Model 3", "Model Y", "Full Self-Driving", "Megapack"], "Nvidia": ["H100", "H20"],
    "Baidu": ["Apollo Go", "Ernie Bot"], "Huawei": ["Mate 60", "HarmonyOS"],
    "Apple": ["iPhone", "Vision Pro"], "Tencent": ["WeChat"], "Alibaba": ["Alipay"],
}  # fmt: skip
TOPICS = ["battery supply", "mapping data", "chip design", "driver assistance", "cloud services",
          "charging networks", "autonomous taxis", "factory automation"]  # fmt: skip
FILLER = [
    "Shares moved little in early trading after the announcement.",
    "The company did not respond to a request for comment on the report.",
    "Analysts expect demand for electric cars to keep growing this year.",
    "The figures were published in a filing with the stock exchange.",
    "Industry groups said the rules could raise costs for smaller firms.",
    "People familiar with the plans said details could still change.",
    "Sales in the first quarter were higher than a year earlier.",
    "The statement gave no timetable for the next steps.",
]  # fmt: skip


def _sentences(rng: random.Random) -> Iterator[str]:
    """An endless stream of fact-bearing template sentences."""
    while True:
        company, other = rng.sample(COMPANIES, 2)
        place, country = rng.choice(PLACES), rng.choice(COUNTRIES)
        leader = LEADERS.get(company)
        choice = rng.randrange(9)
        if choice == 0 and leader:
            yield f"{leader}, the chief executive of {company}, said the company would expand."
        elif choice == 1:
            yield f"{company} is headquartered in {place}, where it employs thousands of people."
        elif choice == 2:
            yield f"{company} partnered with {other} on {rng.choice(TOPICS)}."
        elif choice == 3 and leader:
            yield f"{leader} met {rng.choice(OFFICIALS)} in {place} to discuss investment."
        elif choice == 4:
            regulator = rng.choice(REGULATORS)
            yield f"The {regulator} restricted {company} from selling chips to {country}."
        elif choice == 5:
            yield f"{company} competes with {other} for customers in {country}."
        elif choice == 6 and company in PRODUCTS:
            yield f"{company} launched the {rng.choice(PRODUCTS[company])} in {place} this year."
        elif choice == 7:
            state = rng.choice(LAW_PLACES)
            yield f"{state}'s {rng.choice(LAWS)} sets new duties for companies that handle data."
        elif choice == 8 and leader:
            yield f"{leader} visited {place} last week to meet staff and suppliers."
        else:
            yield rng.choice(FILLER)


def _article(rng: random.Random, number: int, start: dt.date) -> dict[str, Any]:
    sentences = _sentences(rng)
    paragraphs = [
        " ".join(next(sentences) for _ in range(rng.randint(3, 5)))
        + " " + rng.choice(FILLER)
        for _ in range(rng.randint(3, 4))
    ]  # fmt: skip
    published = start + dt.timedelta(days=rng.randrange(730))
    return {
        "id": f"synthetic-{number:06d}",
        "title": paragraphs[0].split(".")[0][:80],
        "published": published.isoformat(),
        "source": rng.choice(["Wire A", "Wire B", "Daily C", "Review D"]),
        "text": "\n\n".join(paragraphs),
    }


def generate(docs: int, seed: int = 7) -> Iterator[dict[str, Any]]:
    """``docs`` article records (id, title, published, source, text), always the same for a seed."""
    rng = random.Random(seed)
    start = dt.date(2023, 1, 1)
    for number in range(docs):
        yield _article(rng, number, start)


def write_corpus(path: Path, docs: int, seed: int = 7) -> Path:
    """Write the corpus as JSONL to ``path`` and return it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        for record in generate(docs, seed):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def main() -> None:
    """Command line: write a corpus."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--docs", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    write_corpus(args.out, args.docs, args.seed)


if __name__ == "__main__":
    main()
