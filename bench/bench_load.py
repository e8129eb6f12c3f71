"""Load benchmark (issue 24): `zitat serve` on 127.0.0.1 over a store of 100,000 articles.

1. A store of ``--articles`` generated articles (default 100,000): Article records put
   together from hand-written fictional templates (speakers, roles, places, dates, topics)
   and inserted through the store, as `zitat ingest` would after the analysis; the
   pipeline itself is never run for them. The store is kept (``--db``) and reused when it
   already holds enough articles.
2. `zitat serve` on a free port of 127.0.0.1 (its analyse rate limit switched off: every
   client here has the same address), one analysis first to load the model.
3. Phase *reads*: 16 clients read at once: ``/api/quotes`` searches (text, speaker,
   place, type, paging) and pages (``/``, ``/search``, speaker and article pages), drawn
   from several hundred searches with Zipf-like popularity (see :func:`read_requests`).
   Phase *mixed*: 16 readers of the same kind (their own draws, not the reads phase's
   requests again) while 8 clients post ``/api/analyze``.
   Each phase is bounded by a request count per client and by ``--seconds``.

The clients run as coroutines of one event loop, each on a keep-alive connection of its
own (``--generator async``, some 0.2 ms of CPU a request), or as the first version ran
them, one thread and httpx client each (``--generator threads``, 0.8-1 ms a request, and
queueing for the GIL of one process): the same clients, seeds and request sequences.

Prints per kind and phase: requests, throughput, p50/p95/p99 and errors as the clients
measured them, p50/p95 of the server's own time (its ``Server-Timing`` header: from the
application's start on a request to its response's start), the CPU of the server and of
the clients per request, the server's RSS
after the model was loaded, after the load and after a pause, and each target of the
issue (read p95 ≤ 50 ms API search, ≤ 150 ms pages, 0 errors, memory growth under analyse
load ≤ 200 MB over the loaded model). Exit code 1 when a target is missed.

Usage: ``python bench/bench_load.py [--articles 100000] [--db PATH] [--reads 150]
[--analyses 6] [--seconds 240] [--generator async|threads]``
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import resource
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, quote_plus

import httpx

from zitat.schema import Article, Entity, Place, Quote, Role, TimeExpr, article_id
from zitat.store import open_store

FIRST = ("Anna Bernd Clara Dieter Elena Frank Greta Hans Ines Jonas Karin Lukas Maria Nils "
         "Olga Paul Rita Stefan Tanja Uwe Vera Walter Yvonne Zoran").split()
LAST = ("Albrecht Becker Conrad Dreher Engel Fischer Graf Hoffmann Imhof Jäger Keller Lange "
        "Maurer Neumann Otto Peters Quast Richter Schmid Thiele Ulrich Vogel Weber Zander "
        "Brandt Kühn Roth Seidel Winter Haas").split()
ROLES = ["Bürgermeisterin", "Minister", "Landrätin", "Sprecher", "Abgeordnete",
         "Vorsitzender", "Ökonomin", "Polizeisprecher", "Gewerkschaftschef", "Senatorin"]
CITIES = [("Berlin", 52.52, 13.40), ("Hamburg", 53.55, 9.99), ("München", 48.14, 11.58),
          ("Köln", 50.94, 6.96), ("Leipzig", 51.34, 12.37), ("Kiel", 54.32, 10.12),
          ("Dresden", 51.05, 13.74), ("Mainz", 50.00, 8.27), ("Bremen", 53.08, 8.80),
          ("Erfurt", 50.98, 11.03), ("Wien", 48.21, 16.37), ("Zürich", 47.37, 8.54)]
TOPICS = ["Haushalt", "Schulen", "Energiepreise", "Nahverkehr", "Wohnungsbau", "Klimaschutz",
          "Krankenhäuser", "Steuern", "Rente", "Digitalisierung", "Landwirtschaft", "Polizei"]
VERBS = ["muss dringend", "wird sorgfältig", "darf nicht länger", "soll im Herbst",
         "kann nur gemeinsam"]
ENDS = ["geprüft werden", "beraten werden", "verbessert werden", "finanziert werden"]
WEEKDAYS = ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag"]
#: words that make each generated quote and article its own (as real ones are: a store of
#: near-identical texts would measure the statement clustering, not the reads)
ADJ = ("neue alte teure günstige schnelle langsame große kleine offene geplante strittige "
       "regionale städtische private öffentliche dringende mutige vorsichtige klare").split()
NOUNS = ("Vorschläge Zahlen Gutachten Verträge Mittel Stellen Anträge Regeln Pläne Kosten "
         "Fristen Projekte Zuschüsse Gebühren Leitlinien Prognosen Kredite Förderungen").split()
PLACES = ("im Norden im Süden am Hafen im Landkreis in der Altstadt auf dem Land in den "
          "Vororten an den Schulen in den Kliniken bei den Betrieben").split(" ")
#: texts the analyse clients post (hand-written, fictional)
ANALYSE_TEXTS = [
    "„Wir werden den Haushalt im Herbst vorlegen“, sagte Finanzministerin Clara Dreher am "
    "Dienstag in Berlin. Die Opposition kritisierte den Zeitplan. Dreher erklärte, die "
    "Zahlen seien solide.",
    "Der Vorsitzende des Verbands, Paul Weber, warnte vor steigenden Energiepreisen. „Viele "
    "Betriebe halten das nicht mehr lange durch“, sagte Weber in Leipzig. Die Regierung "
    "müsse handeln, forderte er.",
    "Die Landrätin Maria Seidel kündigte am Freitag in Kiel neue Busverbindungen an. Man "
    "habe lange genug gewartet, sagte sie. „Der Nahverkehr auf dem Land muss besser werden.“",
]


def _article(i: int, rng: random.Random) -> Article:
    """Article ``i``: two quotes (direct and reported) of one speaker, a place, a date."""
    first, last, role = rng.choice(FIRST), rng.choice(LAST), rng.choice(ROLES)
    city, lat, lon = rng.choice(CITIES)
    topic, other = rng.sample(TOPICS, 2)
    year, month, day = 2015 + i % 10, 1 + i % 12, 1 + i % 28
    date = f"{year}-{month:02d}-{day:02d}"
    weekday = rng.choice(WEEKDAYS)
    statement = (f"„Die {rng.choice(ADJ)} {rng.choice(NOUNS)} zum Thema {topic} "
                 f"{rng.choice(VERBS)} {rng.choice(ENDS)}, auch die {rng.randint(2, 900)} "
                 f"{rng.choice(ADJ)} {rng.choice(NOUNS)}“")
    s1 = f"{statement}, sagte {role} {first} {last} am {weekday} in {city}. "
    reported = (f"die {rng.choice(ADJ)} {rng.choice(NOUNS)} für {other} seien "
                f"{rng.randint(2, 90)} Wochen zu spät")
    s2 = f"{last} erklärte, {reported}. "
    s3 = (f"Meldung {i} aus {city}: {rng.randint(3, 5000)} {rng.choice(ADJ)} "
          f"{rng.choice(NOUNS)} und {rng.randint(3, 5000)} {rng.choice(NOUNS)} "
          f"{rng.choice(PLACES)} {rng.choice(PLACES)} zu {topic}.")
    text = s1 + s2 + s3

    def at(part: str, start: int = 0) -> tuple[int, int]:
        k = text.index(part, start)
        return k, k + len(part)

    name_span = at(f"{first} {last}")
    last2 = at(last, len(s1))
    q1, q2 = at(statement), at(reported)
    speaker = Role(text=f"{first} {last}", spans=[name_span], entity="e1")
    quotes = [
        Quote(id="q1", type="Direct", text=statement, spans=[q1], speaker=speaker,
              cue=Role(text="sagte", spans=[at("sagte")]), confidence=0.9, place=city),
        Quote(id="q2", type="Indirect", text=reported, spans=[q2],
              speaker=Role(text=last, spans=[last2], entity="e1"),
              cue=Role(text="erklärte", spans=[at("erklärte")]), confidence=0.8),
    ]
    entities = [Entity(id="e1", label="PER", name=f"{first} {last}", roles=[role],
                       mentions=[name_span, last2])]
    places = [Place(text=city, span=at(city), name=city, country="DE", lat=lat, lon=lon,
                    feature="city")]
    times = [TimeExpr(text=weekday, span=at(weekday), value=date, granularity="day",
                      anchor=date)]
    return Article(id=article_id(text), date=date, title=f"{topic} in {city}", text=text,
                   source=f"zeitung-{i % 20}", url=f"https://example.org/{i}",
                   quotes=quotes, entities=entities, times=times, places=places)


def build_store(db: str, n: int) -> None:
    """A store of ``n`` generated articles (reused when it holds that many already)."""
    with open_store(db, create=True) as store:
        # Without the statement clustering at insert: it costs some 50 ms a quote on
        # generated texts (their band keys collide far more than real quotes'), hours
        # for 100,000 articles; the reads measured here do not depend on it.
        store.clustering = False
        have = store.stats().articles
        if have >= n:
            print(f"store {db}: {have:,} articles (reused)")
            return
        rng = random.Random(24)
        t = time.monotonic()
        batch: list[Article] = []
        for i in range(n):
            art = _article(i, rng)
            if i < have:
                continue  # generated anyway: the random sequence stays the same
            batch.append(art)
            if len(batch) == 1000:
                store.add_articles(batch)
                batch = []
                if (i + 1) % 10_000 == 0:
                    print(f"  {i + 1:,} articles, {time.monotonic() - t:.0f} s", flush=True)
        if batch:
            store.add_articles(batch)
        print(f"store {db}: {store.stats().articles:,} articles in "
              f"{time.monotonic() - t:.0f} s", flush=True)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def tree(pid: int) -> list[int]:
    """``pid`` and its descendants (`zitat serve` analyses in a child process), from
    /proc."""
    found, todo = [], [pid]
    while todo:
        p = todo.pop()
        found.append(p)
        for task in Path(f"/proc/{p}/task").glob("*"):
            with contextlib.suppress(OSError):  # the thread or process ended meanwhile
                todo += [int(c) for c in (task / "children").read_text().split()]
    return found


def _rss_one(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def rss_mb(pid: int) -> float:
    """Resident memory of a process and its descendants in MB (from /proc)."""
    return sum(_rss_one(p) for p in tree(pid))


def _cpu_one(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) a process and its living descendants have used, in
    seconds (from /proc)."""
    return sum(_cpu_one(p) for p in tree(pid))


def _zipf(rng: random.Random, items: list[str], s: float = 1.0) -> str:
    """One of ``items``, the k-th about 1/k^s as often as the first (searches are popular
    in that way: a few terms often, most rarely)."""
    weights = [1 / (k + 1) ** s for k in range(len(items))]
    return rng.choices(items, weights)[0]


#: what readers search for, most popular first: words of the quotes (topics, nouns,
#: adjectives), parts of compounds (`preise` in `Energiepreise`), two words, and words the
#: store does not have (misspellings, other subjects): a mix in which popular searches
#: repeat and most do not
SEARCH_TERMS = (TOPICS + NOUNS + ADJ + ["preise", "schutz", "bau", "verkehr", "digital"]
                + [f"{t} {n}" for t in TOPICS for n in NOUNS[:6]]
                + ["Haushallt", "Bundeswehr", "Inflation", "Ukraine", "Migration", "Gaspreis"])
#: full names of the speakers (first name × surname), most quoted first in no order
FULL_NAMES = [f"{f} {last}" for last in LAST for f in FIRST]


def _offset(rng: random.Random) -> int:
    """The offset of a result page: mostly the first, often the next few, rarely deep."""
    r = rng.random()
    if r < 0.7:
        return 0
    if r < 0.95:
        return 20 * rng.randint(1, 4)
    return 20 * rng.randint(5, 50)


def read_requests(rng: random.Random, speaker_ids: list[int], article_ids: list[str]
                  ) -> Iterator[tuple[str, str]]:
    """Endless mixed reads: (kind, path); kinds ``api-search`` and ``page``.

    Terms, speakers and places are drawn with Zipf-like popularity from several hundred
    searches, pages mostly the first; identical requests repeat only as often as popular
    searches do. (The first version of this benchmark drew from 12 topics, 30 surnames and
    12 places only: after a minute every count and facet came from the server's cache.)
    """
    while True:
        r = rng.random()
        term = quote_plus(_zipf(rng, SEARCH_TERMS))
        city = _zipf(rng, [c[0] for c in CITIES])
        name = quote_plus(_zipf(rng, LAST) if rng.random() < 0.5 else _zipf(rng, FULL_NAMES))
        if r < 0.30:
            yield "api-search", f"/api/quotes?q={term}&offset={_offset(rng)}"
        elif r < 0.40:
            yield "api-search", f"/api/quotes?speaker={name}&offset={_offset(rng)}"
        elif r < 0.48:
            yield "api-search", f"/api/quotes?place={city}&type={rng.choice(['direct', 'indirect'])}"
        elif r < 0.55:
            since = rng.randint(2015, 2023)
            yield "api-search", (f"/api/quotes?q={term}&since={since}"
                                 f"&until={since + rng.randint(0, 2)}")
        elif r < 0.60:
            yield "page", "/"
        elif r < 0.75:
            yield "page", f"/search?q={term}&offset={_offset(rng)}"
        elif r < 0.80:
            yield "page", f"/search?speaker={name}&offset={_offset(rng)}"
        elif r < 0.90 and speaker_ids:
            yield "page", f"/speakers/{rng.choice(speaker_ids)}"
        else:
            yield "page", f"/articles/{rng.choice(article_ids)}"


class Recorder:
    """Latencies, the server's own times (its ``Server-Timing`` header) and errors per
    (phase, kind), shared by the clients."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.times: dict[tuple[str, str], list[float]] = defaultdict(list)
        self.server: dict[tuple[str, str], list[float]] = defaultdict(list)
        self.errors: dict[tuple[str, str], list[str]] = defaultdict(list)

    def add(self, key: tuple[str, str], seconds: float, error: str | None,
            timing: str | None = None) -> None:
        with self.lock:
            self.times[key].append(seconds)
            if timing and timing.startswith("app;dur="):
                self.server[key].append(float(timing[8:]) / 1000)
            if error:
                self.errors[key].append(error)


def _analyse_body(rng: random.Random) -> bytes:
    return json.dumps({"text": rng.choice(ANALYSE_TEXTS), "date": "2023-05-02"}).encode()


def _client(base: str, phase: str, requests: Iterator[tuple[str, str]] | None, count: int,
            until: float, rec: Recorder, analyse: bool = False) -> None:
    """The first generator (``--generator threads``): one thread per client, httpx."""
    rng = random.Random()
    with httpx.Client(base_url=base, timeout=120) as http:
        for _ in range(count):
            if time.monotonic() > until:
                return
            t = time.monotonic()
            timing = None
            try:
                if analyse:
                    kind = "analyze"
                    resp = http.post("/api/analyze", content=_analyse_body(rng),
                                     headers={"content-type": "application/json"})
                else:
                    assert requests is not None
                    kind, path = next(requests)
                    resp = http.get(path)
                error = None if resp.status_code == 200 else f"{resp.status_code} {kind}"
                timing = resp.headers.get("server-timing")
            except httpx.HTTPError as exc:
                kind, error = kind if "kind" in locals() else "?", repr(exc)
            rec.add((phase, kind), time.monotonic() - t, error, timing)


#: characters a request target keeps as they are (the reserved ones and '%')
_URL_SAFE = "/?=&+%:;,@!$'()*~"


class RawConnection:
    """One keep-alive HTTP/1.1 connection (asyncio streams) and just enough of the protocol
    for this benchmark: requests with a body of known length, responses with
    ``Content-Length`` or chunked. The light generator's client: some 50 µs of CPU a
    request where httpx takes several hundred, all in one event loop (no GIL queueing)."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def request(self, method: str, path: str, body: bytes = b""
                      ) -> tuple[int, dict[str, str], bytes]:
        """Status, headers (lower-case names) and body of one request."""
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        assert self.reader is not None
        # non-ASCII (place=München) percent-encoded, as httpx does
        head = f"{method} {quote(path, safe=_URL_SAFE)} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n"
        if body or method == "POST":
            head += f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n"
        self.writer.write(head.encode() + b"\r\n" + body)
        await self.writer.drain()
        lines = (await self.reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        headers = {}
        for line in lines[1:]:
            if line:
                name, _, value = line.partition(":")
                headers[name.strip().lower()] = value.strip()
        if "content-length" in headers:
            data = await self.reader.readexactly(int(headers["content-length"]))
        elif headers.get("transfer-encoding", "").lower() == "chunked":
            parts = []
            while size := int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16):
                parts.append((await self.reader.readexactly(size + 2))[:-2])
            while await self.reader.readuntil(b"\r\n") != b"\r\n":  # trailers
                pass
            data = b"".join(parts)
        else:
            data = await self.reader.read()
            headers["connection"] = "close"
        if headers.get("connection", "").lower() == "close":
            await self.close()
        return status, headers, data

    async def close(self) -> None:
        """Close the connection (the next request opens a new one)."""
        if self.writer is not None:
            self.writer.close()
            with contextlib.suppress(OSError):
                await self.writer.wait_closed()
        self.reader = self.writer = None


async def _async_client(base: str, phase: str, requests: Iterator[tuple[str, str]] | None,
                        count: int, until: float, rec: Recorder, analyse: bool = False) -> None:
    """The light generator's client (``--generator async``): the same closed loop as
    :func:`_client`, one connection of its own."""
    rng = random.Random()
    host, port = base.rsplit("/", 1)[1].split(":")
    conn = RawConnection(host, int(port))
    try:
        for _ in range(count):
            if time.monotonic() > until:
                return
            t = time.monotonic()
            kind, timing = "analyze" if analyse else "?", None
            try:
                if analyse:
                    status, headers, _ = await conn.request("POST", "/api/analyze",
                                                            _analyse_body(rng))
                else:
                    assert requests is not None
                    kind, path = next(requests)
                    status, headers, _ = await conn.request("GET", path)
                error = None if status == 200 else f"{status} {kind}"
                timing = headers.get("server-timing")
            except (OSError, asyncio.IncompleteReadError, ValueError) as exc:
                error = repr(exc)
                await conn.close()
            rec.add((phase, kind), time.monotonic() - t, error, timing)
    finally:
        await conn.close()


def run_phase(base: str, phase: str, rec: Recorder, readers: int, reads: int,
              analysers: int, analyses: int, seconds: float, speaker_ids: list[int],
              article_ids: list[str], generator: str = "async") -> float:
    """One phase; returns its wall time.

    Each phase's readers draw their own requests (seeds per phase and reader): the same
    popular searches recur, as they would, but the mixed phase is not the reads phase
    again, whose every page the server's cache then had already. Both generators run the
    same clients with the same seeds: the same requests in each client's order.
    """
    until = time.monotonic() + seconds
    first_seed = 0 if phase == "reads" else 1000
    clients = [(read_requests(random.Random(first_seed + k), speaker_ids, article_ids),
                reads, False) for k in range(readers)]
    clients += [(None, analyses, True) for _ in range(analysers)]
    t = time.monotonic()
    if generator == "async":
        async def run_all() -> None:
            await asyncio.gather(*(_async_client(base, phase, reqs, n, until, rec, analyse)
                                   for reqs, n, analyse in clients))
        asyncio.run(run_all())
    else:
        threads = [threading.Thread(target=_client, args=(base, phase, reqs, n, until, rec),
                                    kwargs={"analyse": analyse}) for reqs, n, analyse in clients]
        for th in threads:
            th.start()
        for th in threads:
            th.join()
    return time.monotonic() - t


def _own_cpu() -> float:
    """CPU seconds (user + system) this process, the load generator, has used."""
    use = resource.getrusage(resource.RUSAGE_SELF)
    return use.ru_utime + use.ru_stime


def pct(values: list[float], q: float) -> float:
    """The ``q``-th percentile in milliseconds."""
    if len(values) < 2:
        return values[0] * 1000 if values else float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] * 1000


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--db", default=str(Path(tempfile.gettempdir()) / "zitat-load-100k.db"))
    ap.add_argument("--readers", type=int, default=16)
    ap.add_argument("--reads", type=int, default=150, help="requests per reading client")
    ap.add_argument("--analysers", type=int, default=8)
    ap.add_argument("--analyses", type=int, default=6, help="requests per analysing client")
    ap.add_argument("--seconds", type=float, default=240, help="time limit per phase")
    ap.add_argument("--generator", choices=["async", "threads"], default="async",
                    help="async: the clients as coroutines of one event loop, each on a "
                         "keep-alive connection of its own (light); threads: one thread and "
                         "httpx client each (the first version: its own GIL queueing adds to "
                         "the latencies measured)")
    args = ap.parse_args()

    build_store(args.db, args.articles)
    with open_store(args.db, readonly=True) as store:
        speaker_ids = [s.id for s in store.speakers(limit=300)]
        # any article may be opened, not only the newest
        article_ids = random.Random(24).sample(list(store.article_ids()), 2000)

    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "ZITAT_ANALYZE_RATE": "0"}  # one address for all clients here
    zitat = Path(sys.executable).with_name("zitat")
    server = subprocess.Popen([str(zitat), "serve", "--db", args.db, "--port", str(port)],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    misses: list[str] = []
    try:
        for _ in range(300):
            try:
                if httpx.get(f"{base}/api/stats", timeout=5).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        else:
            print("server did not come up")
            return 1
        started = rss_mb(server.pid)
        t = time.monotonic()
        first = httpx.post(f"{base}/api/analyze", json={"text": ANALYSE_TEXTS[0]}, timeout=120)
        assert first.status_code == 200, first.text
        loaded = rss_mb(server.pid)
        print(f"server pid {server.pid} (memory and CPU: with its analysis process): "
              f"{started:.0f} MB started, {loaded:.0f} MB with the "
              f"model loaded (first analysis {time.monotonic() - t:.1f} s)", flush=True)

        rec = Recorder()
        # the machine's load when the phases start: the latencies depend on it
        print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())} on "
              f"{os.cpu_count()} cores", flush=True)
        print(f"generator: {args.generator}", flush=True)
        cpu, mine = cpu_seconds(server.pid), _own_cpu()
        walls = {
            "reads": run_phase(base, "reads", rec, args.readers, args.reads, 0, 0, args.seconds,
                               speaker_ids, article_ids, args.generator),
        }
        cpus = {"reads": cpu_seconds(server.pid) - cpu}
        client_cpus = {"reads": _own_cpu() - mine}
        after_reads = rss_mb(server.pid)
        cpu, mine = cpu_seconds(server.pid), _own_cpu()
        walls["mixed"] = run_phase(base, "mixed", rec, args.readers, args.reads, args.analysers,
                                   args.analyses, args.seconds, speaker_ids, article_ids,
                                   args.generator)
        cpus["mixed"] = cpu_seconds(server.pid) - cpu
        client_cpus["mixed"] = _own_cpu() - mine
        after_mixed = rss_mb(server.pid)
        time.sleep(5)
        settled = rss_mb(server.pid)

        # client: as the clients measured it (the targets); app: the server's Server-Timing
        # (from the application's start on the request to its response's start: without
        # the server's HTTP parsing and event-loop queueing, and without the client's own)
        print(f"\n{'phase':6} {'kind':11} {'requests':>8} {'req/s':>7} {'p50 ms':>8} "
              f"{'p95 ms':>8} {'p99 ms':>8} {'errors':>6} {'app p50':>8} {'app p95':>8}")
        for (phase, kind), times in sorted(rec.times.items()):
            errs = rec.errors.get((phase, kind), [])
            app = rec.server.get((phase, kind), [])
            print(f"{phase:6} {kind:11} {len(times):8d} {len(times) / walls[phase]:7.1f} "
                  f"{pct(times, 50):8.0f} {pct(times, 95):8.0f} {pct(times, 99):8.0f} "
                  f"{len(errs):6d} {pct(app, 50):8.0f} {pct(app, 95):8.0f}")
        for phase, wall in walls.items():
            n = sum(len(v) for (p, _), v in rec.times.items() if p == phase)
            # CPU per request: how many requests two cores could serve at most, whatever
            # the concurrency (a closed loop of N clients then waits N x this / cores)
            print(f"{phase}: {n} requests in {wall:.1f} s = {n / wall:.1f} req/s; server CPU "
                  f"{cpus[phase]:.1f} s = {1000 * cpus[phase] / max(n, 1):.1f} ms a request; "
                  f"clients' CPU {client_cpus[phase]:.1f} s = "
                  f"{1000 * client_cpus[phase] / max(n, 1):.2f} ms a request")
        errors = [e for v in rec.errors.values() for e in v]
        if errors:
            print("errors (first 5):", errors[:5])
        growth = max(after_mixed, settled) - loaded
        print(f"\nserver RSS: {loaded:.0f} MB loaded, {after_reads:.0f} MB after reads, "
              f"{after_mixed:.0f} MB after reads + analyses, {settled:.0f} MB 5 s later "
              f"(growth {growth:+.0f} MB)")

        print("\ntargets:")
        checks = [
            (f"{phase} api-search p95 <= 50 ms", pct(rec.times[(phase, "api-search")], 95), 50)
            for phase in walls if rec.times.get((phase, "api-search"))
        ] + [
            (f"{phase} page p95 <= 150 ms", pct(rec.times[(phase, "page")], 95), 150)
            for phase in walls if rec.times.get((phase, "page"))
        ] + [("errors == 0", float(len(errors)), 0),
             ("memory growth <= 200 MB", growth, 200)]
        for name, value, limit in checks:
            ok = value <= limit
            print(f"  {'ok  ' if ok else 'MISS'} {name}: {value:.0f}")
            if not ok:
                misses.append(name)
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(20)
        except subprocess.TimeoutExpired:
            server.kill()
    return 1 if misses else 0


if __name__ == "__main__":
    sys.exit(main())
