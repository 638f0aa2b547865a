#!/usr/bin/env python3
"""Side-by-side benchmark of handbook, Hugo, mdBook and MkDocs (Material theme) on the same
generated handbooks.

Generates a synthetic corpus (Danish and Swedish handbook pages with headings, lists, tables,
fenced code, quoted settings, worksheets and the roles diagram), then builds it with each tool the
way its users would, interleaved, several times, and prints a Markdown table of medians.

Workloads:
  many  100 programmes x 40 pages; handbook builds all in one run, the others once per site
  big   1 programme x 4,000 pages (100 sections of 40), plus 1,000 pages to check linear cost
Also (issue 19): a cold build of all of content/ (and of the five programmes, as issue 7 measured);
in `serve` the time from saving an edited page (a guide page with code, and a programme's) to the
reloaded page; the 4,000-page handbook's first build (into a new folder) interleaved with its
rebuild, and a first build into a folder deleted just before beside `cp -a` of the same site; the
time of each stage of that rebuild (HANDBOOK_TIMINGS); the weight of a page in a folder without an
index.md of 40 and of 4,000 pages; the floor, pulldown-cmark alone rendering the 4,000 pages'
Markdown on one core (examples/markdown_floor.rs); and the file work alone, reading the pages and
writing the built site over a copy on all cores (examples/io_floor.rs). Search latency in
Chromium over the judged question set (bench/search_latency.mjs; issues 4 and 14: under 50 ms).

Usage: bench/run.sh [--quick]   (run.sh installs hugo, mdbook, MkDocs Material and GNU time when
missing)
"""

import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TARGET = Path(os.environ.get("CARGO_TARGET_DIR", REPO / "target"))
HANDBOOK = TARGET / "release" / "handbook"
FLOOR = TARGET / "release" / "examples" / "markdown_floor"
IO_FLOOR = TARGET / "release" / "examples" / "io_floor"
MKDOCS = os.environ.get("MKDOCS", str(TARGET / "mkdocs-venv" / "bin" / "mkdocs"))
QUICK = "--quick" in sys.argv
RUNS = 3 if QUICK else 5

WORDS_DA = ("mentor mentee møde leder ledelse forløb samtale udvikling erfaring tillid "
            "fortrolighed evaluering organisation medarbejder ansvar refleksion mål opgave").split()
WORDS_SV = ("mentor adept möte chef ledarskap program samtal utveckling erfarenhet förtroende "
            "utvärdering organisation medarbetare ansvar reflektion mål uppgift").split()


def sentence(words, i, n=14):
    picked = [words[(i * 7 + k * 3) % len(words)] for k in range(n)]
    return " ".join(picked).capitalize() + "."


def page_markdown(lang, p, components):
    """One page: the same body for every tool; `components` decides how settings and
    components are written (handbook syntax, or plain Markdown for the others)."""
    words = WORDS_DA if lang == "da" else WORDS_SV
    every, length, ws, roles = components
    body = [f"Parrene mødes {every}, og et møde varer {length}.", ""]
    for s in range(4):
        body += [f"## Afsnit {p}-{s}", "", " ".join(sentence(words, p * 10 + s + k) for k in range(5)), ""]
        body += [f"- {sentence(words, p + s, 6)}", f"- {sentence(words, p + s + 1, 6)}", f"- {sentence(words, p + s + 2, 6)}", ""]
    body += ["| Hvad | Hvornår |", "|---|---|", f"| {sentence(words, p, 4)} | {every} |", f"| {sentence(words, p + 1, 4)} | {length} |", ""]
    # The block differs from page to page in its first line (handbook remembers highlighted
    # lines, which programmes sharing base pages meet again); the same page number has the same
    # block in every programme.
    body += ["```yaml", f"# side {p}", "meetings:", "  every: 2 months", "  length: 90 minutes", "```", ""]
    if p % 5 == 0:
        body += [ws, ""]
    if p % 20 == 0:
        body += [roles, ""]
    return "\n".join(body)


HANDBOOK_COMPONENTS = ("{{ meetings.every }}", "{{ meetings.length }}", '{{ worksheet("swot") }}', "{{ roles_diagram() }}")
PLAIN_WS = "\n".join(["### SWOT", "", "| Styrker | Svagheder |", "|---|---|", "| | |", "| **Muligheder** | **Trusler** |", "| | |"])
PLAIN_ROLES = "\n".join(["### Mentorens roller", "", "| Rolle | Siger | Ansvar |", "|---|---|---|",
                         "| Netværker | Jeg kender en | Mentor |", "| Coach | Hvad vil du gøre? | Mentee |",
                         "| Rådgiver | Hvis jeg var dig | Mentor |", "| Sparringspartner | Har du prøvet? | Delt |"])


def programme_yaml(lang, name):
    return f"""name: {name}
organisation: Bench Kommune
language: {lang}
audience: nye ledere
mentors: erfarne ledere
meetings:
  every: 2 months
  length: 90 minutes
duration: 12 months
pages:
  inherit: false
accessibility:
  status: full
  assessed: 2026-11-01
  method: self-assessment
  reviewed: 2026-11-02
  feedback: {{ email: hr@bench-kommune.dk }}
  was_tool_url: https://www.was.digst.dk/
"""


def layout(pages, sections):
    """(section, page-in-section) for each page: pages grouped in folders of 40."""
    if sections <= 1:
        return [("", i) for i in range(pages)]
    per = pages // sections
    return [(f"s{i // per:03d}", i % per) for i in range(pages)]


def generate(root, programmes, pages, sections):
    """Writes the same handbooks for all four tools under root/{handbook,hugo,mdbook,mkdocs}."""
    hb = root / "handbook"
    shutil.copytree(REPO / "themes", hb / "themes")
    for lang in ("da", "sv"):
        shutil.copytree(REPO / "content" / "_base" / lang / "worksheets", hb / "content" / "_base" / lang / "worksheets")
        shutil.copy(REPO / "content" / "_base" / lang / "roles.yaml", hb / "content" / "_base" / lang / "roles.yaml")
    plain_every, plain_length = "hver 2. måned", "1½ time"
    for n in range(programmes):
        lang = "da" if n % 5 else "sv"
        pid = f"p{n:03d}"
        pdir = hb / "content" / pid
        pdir.mkdir(parents=True)
        (pdir / "programme.yaml").write_text(programme_yaml(lang, f"Ordning {n}"))
        hugo = root / "hugo" / pid
        (hugo / "content").mkdir(parents=True)
        (hugo / "layouts" / "_default").mkdir(parents=True)
        (hugo / "hugo.toml").write_text(f'baseURL = "/"\nlanguageCode = "{lang}"\ntitle = "Ordning {n}"\nrelativeURLs = true\nuglyURLs = true\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n')
        (hugo / "layouts" / "_default" / "baseof.html").write_text(
            '<!DOCTYPE html><html lang="{{ .Site.LanguageCode }}"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>'
            '<body><nav><ul>{{ range .Site.Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}'
            '{{ with .CurrentSection }}{{ range .RegularPages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}{{ end }}</ul></nav>'
            '<main>{{ block "main" . }}{{ end }}</main></body></html>')
        (hugo / "layouts" / "_default" / "single.html").write_text('{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}{{ end }}')
        (hugo / "layouts" / "_default" / "list.html").write_text('{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}{{ end }}')
        book = root / "mdbook" / pid
        (book / "src").mkdir(parents=True)
        (book / "book.toml").write_text(f'[book]\ntitle = "Ordning {n}"\nlanguage = "{lang}"\n[output.html.search]\nenable = true\n')
        mk = root / "mkdocs" / pid
        (mk / "docs").mkdir(parents=True)
        # Material's own search, in the site's language; pages as files (page.html), like the others.
        (mk / "mkdocs.yml").write_text(f"site_name: Ordning {n}\nuse_directory_urls: false\ntheme:\n  name: material\n  language: {lang}\nplugins:\n  - search:\n      lang: {lang}\n")
        summary = ["# Summary", ""]
        seen_sections = set()
        for i, (section, k) in enumerate(layout(pages, sections)):
            title = f"Side {i}"
            hb_md = page_markdown(lang, i, HANDBOOK_COMPONENTS)
            plain_md = page_markdown(lang, i, (plain_every, plain_length, PLAIN_WS, PLAIN_ROLES))
            rel = f"{section}/side-{k:03d}.md" if section else f"side-{i:04d}.md"
            if i == 0:
                rel = "index.md"
            if section and section not in seen_sections:
                seen_sections.add(section)
                for base in (pdir, hugo / "content"):
                    (base / section).mkdir(parents=True, exist_ok=True)
                (pdir / section / "index.md").write_text(f"---\ntitle: Afsnit {section}\nweight: {i}\n---\n\nAfsnittets sider.\n")
                (hugo / "content" / section / "_index.md").write_text(f"---\ntitle: Afsnit {section}\nweight: {i}\n---\n\nAfsnittets sider.\n")
                (book / "src" / section).mkdir(parents=True, exist_ok=True)
                (book / "src" / section / "README.md").write_text(f"# Afsnit {section}\n\nAfsnittets sider.\n")
                (mk / "docs" / section).mkdir(parents=True, exist_ok=True)
                (mk / "docs" / section / "index.md").write_text(f"---\ntitle: Afsnit {section}\n---\n\nAfsnittets sider.\n")
                summary.append(f"- [Afsnit {section}]({section}/README.md)")
            front = f"---\ntitle: {title}\nweight: {i + 1}\n---\n\n"
            (pdir / rel).parent.mkdir(parents=True, exist_ok=True)
            (pdir / rel).write_text(front + hb_md)
            hugo_rel = "_index.md" if rel == "index.md" else rel
            (hugo / "content" / hugo_rel).write_text(front + plain_md)
            (mk / "docs" / rel).write_text(front + plain_md)
            book_rel = "README.md" if rel == "index.md" else rel
            (book / "src" / book_rel).parent.mkdir(parents=True, exist_ok=True)
            (book / "src" / book_rel).write_text(f"# {title}\n\n{plain_md}")
            indent = "  " if section else ""
            summary.append(f"{indent}- [{title}]({book_rel})")
        (book / "src" / "SUMMARY.md").write_text("\n".join(summary) + "\n")
    return hb


CAP = 120  # seconds: a tool's warm-up build of a workload slower than this is stopped


class Stopped(Exception):
    """A build ran past CAP seconds and was stopped."""


def run(cmd, cwd=None, timeout=None):
    """Wall seconds and peak resident memory (MB) of one command, via GNU time."""
    start = time.perf_counter()
    # In a session of its own, so that a stopped build is stopped whole (GNU time and the tool).
    proc = subprocess.Popen(["/usr/bin/time", "-f", "%M", *cmd], cwd=cwd, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        stdout, stderr = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        raise Stopped() from None
    out = subprocess.CompletedProcess(proc.args, proc.returncode, stdout, stderr)
    wall = time.perf_counter() - start
    if out.returncode != 0:
        raise SystemExit(f"{cmd[0]} failed:\n{out.stdout[-2000:]}\n{out.stderr[-2000:]}")
    peak_kb = int(out.stderr.strip().splitlines()[-1])
    return wall, peak_kb / 1024


def size_of(path, pattern=None):
    """Bytes of the published files (handbook's `.handbook/`, the previous build it writes over,
    is not published)."""
    total = 0
    for p in Path(path).rglob("*"):
        hidden = any(part.startswith(".") for part in p.relative_to(path).parts)
        if p.is_file() and not hidden and (pattern is None or re.search(pattern, p.name)):
            total += p.stat().st_size
    return total


def pages_of(row):
    return next(p * n for label, _, p, n, _ in WORKLOADS if label == row["workload"])


def workload(name, root, programmes, pages, sections):
    generate(root, programmes, pages, sections)
    ids = sorted(p.name for p in (root / "hugo").iterdir())
    tools = {
        "handbook": lambda cap=None: [run([str(HANDBOOK), "build", "--quiet", "--root", str(root / "handbook"), "--out", str(root / "out-handbook")], timeout=cap)],
        "hugo": lambda cap=None: [run(["hugo", "--quiet", "--source", str(root / "hugo" / i), "--destination", str(root / "out-hugo" / i)], timeout=cap) for i in ids],
        "mdbook": lambda cap=None: [run(["mdbook", "build", str(root / "mdbook" / i), "--dest-dir", str(root / "out-mdbook" / i)], timeout=cap) for i in ids],
        "mkdocs": lambda cap=None: [run([MKDOCS, "build", "--quiet", "--config-file", str(root / "mkdocs" / i / "mkdocs.yml"), "--site-dir", str(root / "out-mkdocs" / i)], timeout=cap) for i in ids],
    }
    times = {t: [] for t in tools}
    peaks = {t: [] for t in tools}
    # One untimed build each first, as `hyperfine --warmup`: files read once, output folders made.
    # A tool whose single build takes longer than CAP seconds is stopped and left out of the rounds.
    stopped = set()
    for tool, go in tools.items():
        try:
            go(CAP)
        except Stopped:
            stopped.add(tool)
            print(f"  {name}: {tool} stopped after {CAP} s", file=sys.stderr)
    for _ in range(RUNS):
        for tool, go in tools.items():  # interleaved: one run of each tool per round
            if tool in stopped:
                continue
            results = go()
            times[tool].append(sum(w for w, _ in results))
            peaks[tool].append(max(m for _, m in results))
    total_pages = programmes * pages
    rows = []
    for tool in tools:
        if tool in stopped:
            rows.append({"workload": name, "tool": tool, "median_s": None, "stopped_after_s": CAP})
            continue
        out = root / f"out-{tool}"
        index = {"handbook": r"^search-index\.js$", "mdbook": r"^searchindex.*\.(js|json)$", "hugo": None,
                 "mkdocs": r"^search_index\.json$"}[tool]
        rows.append({
            "workload": name,
            "tool": tool,
            "median_s": statistics.median(times[tool]),
            "pages_per_s": total_pages / statistics.median(times[tool]),
            "peak_mb": max(peaks[tool]),
            "output_mb": size_of(out) / 1e6,
            "index_mb": size_of(out, index) / 1e6 if index else None,
        })
    for row in rows:
        if row["median_s"] is not None:
            print(f"  {row['workload']}: {row['tool']} {row['median_s']:.2f} s, {row['peak_mb']:.0f} MB", file=sys.stderr)
    return rows


def cold_content(*programmes):
    """Seconds of a cold build of the programmes named (all of content/ when none: the five
    programmes and the two guides), each run into a new folder."""
    samples = []
    for _ in range(RUNS):
        out = tempfile.mkdtemp()
        wall, _ = run([str(HANDBOOK), "build", "--quiet", *programmes, "--root", str(REPO), "--out", out])
        samples.append(wall)
        shutil.rmtree(out)
    return statistics.median(samples)


def code_page(programme, name=None):
    """The page `name` of the programme, or else its first page with fenced code, as (path in
    content/, path in the site)."""
    pages = sorted(p for p in (REPO / "content" / programme).rglob("*.md") if p.name != "index.md")
    page = next(p for p in pages if p.name == name or (name is None and "```" in p.read_text()))
    rel = page.relative_to(REPO / "content")
    return rel, str(rel.with_suffix(".html"))


def serve_reload(programme, name=None):
    """Seconds from saving an edited page of the programme (`name`, or else one with highlighted
    code) to the reloaded page showing the edit."""
    work = Path(tempfile.mkdtemp())
    shutil.copytree(REPO / "content", work / "content")
    shutil.copytree(REPO / "themes", work / "themes")
    source, url = code_page(programme, name)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([str(HANDBOOK), "serve", programme, "--port", str(port), "--root", str(work)],
                              stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}/handbook/"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + url, timeout=2).read()
                break
            except OSError:
                time.sleep(0.05)
        page = work / "content" / source
        original = page.read_text()
        samples = []
        for n in range(RUNS * 2):
            version = int(re.search(rb'data-version="(\d+)"', urllib.request.urlopen(base + url).read()).group(1))
            marker = f"Ændring {n}"
            start = time.perf_counter()
            page.write_text(original + f"\n\n{marker}\n")
            urllib.request.urlopen(f"{base}__live/wait?v={version}", timeout=30).read()
            body = urllib.request.urlopen(base + url).read().decode()
            samples.append(time.perf_counter() - start)
            assert marker in body, "the edit did not show"
        return statistics.median(samples)
    finally:
        server.kill()
        shutil.rmtree(work)


def first_builds(root):
    """The generated handbook under root built into a new folder (a first build) and into a folder
    holding earlier builds (a rebuild), interleaved; then a first build into a folder deleted just
    before (`rm -rf site/`), beside `cp -a` of the same site after the same deletion. Medians in
    seconds: (first, rebuild, first after a deletion, cp -a after a deletion).

    Nothing is deleted until the first two are measured: on a file system that skips recently
    deleted inodes when it creates files (ext4 without a journal, as on the benchmark machine),
    creating files soon after many were deleted costs several times more, for every program; the
    last two figures show how much, and that `cp -a` pays it as well."""
    build = lambda out: run([str(HANDBOOK), "build", "--quiet", "--root", str(root / "handbook"), "--out", str(out)])[0]
    again = root / "out-rebuild"
    build(again)
    firsts, rebuilds = [], []
    for k in range(RUNS + 1):
        first = build(root / f"out-first-{k}")
        rebuild = build(again)
        if k > 0:  # the first round only reads the corpus into memory
            firsts.append(first)
            rebuilds.append(rebuild)
    deleted, copied = [], []
    fresh, copy = root / "out-deleted", root / "out-copied"
    for k in range(RUNS + 1):
        shutil.rmtree(fresh, ignore_errors=True)
        first = build(fresh)
        shutil.rmtree(copy, ignore_errors=True)
        cp = run(["cp", "-a", str(fresh / "p000"), str(copy)])[0]
        if k > 0:  # the first round deleted nothing
            deleted.append(first)
            copied.append(cp)
    for k in range(RUNS + 1):
        shutil.rmtree(root / f"out-first-{k}")
    median = statistics.median
    return median(firsts), median(rebuilds), median(deleted), median(copied)


STAGES = ["load", "resolve", "markdown", "checks", "survey", "pages", "print", "index", "pages+print+index", "commit"]


def stage_times(root):
    """Median milliseconds of each stage of a rebuild of the generated handbook under root, as
    `handbook` reports them with HANDBOOK_TIMINGS set (pages, print and index run side by side)."""
    samples = {}
    env = dict(os.environ, HANDBOOK_TIMINGS="1")
    cmd = [str(HANDBOOK), "build", "--quiet", "--root", str(root / "handbook"), "--out", str(root / "out-rebuild")]
    for _ in range(RUNS):
        err = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True).stderr
        for match in re.finditer(r"^timing \S+ (\S+) ([\d.]+)$", err, re.M):
            samples.setdefault(match.group(1), []).append(float(match.group(2)))
    return {stage: statistics.median(samples[stage]) for stage in STAGES if stage in samples}


def flat_page_weight(root, pages):
    """Median HTML bytes of a page of one flat folder of `pages` pages without an index.md (the
    programme's pages moved into the folder `flad/`; the front page stays outside)."""
    generate(root, 1, pages + 1, 1)
    pdir = root / "handbook" / "content" / "p000"
    (pdir / "flad").mkdir()
    for page in pdir.glob("side-*.md"):
        page.rename(pdir / "flad" / page.name)
    out = root / "out"
    subprocess.run([str(HANDBOOK), "build", "--quiet", "--root", str(root / "handbook"), "--out", str(out)], check=True)
    sizes = [p.stat().st_size for p in (out / "p000" / "flad").glob("side-*.html")]
    assert len(sizes) == pages, f"{len(sizes)} pages in the folder"
    return statistics.median(sizes)


def floor(root):
    """Seconds pulldown-cmark alone takes to render the Markdown of the pages under root on one
    core (fastest of five), and the Markdown's size in MB."""
    out = subprocess.run([str(FLOOR), str(root / "handbook" / "content"), "5"], capture_output=True, text=True, check=True).stdout
    match = re.search(r"([\d.]+) MB of Markdown: ([\d.]+) ms", out)
    return float(match.group(2)) / 1000, float(match.group(1))


def io_floor(root):
    """Milliseconds the file work of a rebuild takes alone on all cores (fastest of five): reading
    the pages' files, writing the built site's files over a copy, and both."""
    site = root / "out-rebuild" / "p000"
    out = subprocess.run([str(IO_FLOOR), str(root / "handbook" / "content"), str(site), str(root / "io-copy"), "5"],
                         capture_output=True, text=True, check=True).stdout
    read, write, both = (float(m) for m in re.findall(r"([\d.]+) ms", out))
    return read, write, both


def page_weight():
    """Median bytes of a page with its CSS and JS (not the search index), over the five example
    programmes, and the search index's share of the sites' HTML."""
    out = Path(tempfile.mkdtemp())
    subprocess.run([str(HANDBOOK), "build", "--quiet", *EXAMPLES, "--root", str(REPO), "--out", str(out)], check=True)
    weights, text_bytes, index_bytes = [], 0, 0
    for site in (d for d in out.iterdir() if not d.name.startswith(".")):
        assets = sum((site / "static" / f).stat().st_size for f in ("style.css", "programme.css", "search-boot.js"))
        for html in site.rglob("*.html"):
            text = html.read_text()
            # Only what the page itself loads: the worksheet script and the code stylesheet are optional.
            extra = sum((site / "static" / f).stat().st_size for f in ("worksheets.js", "highlight.css") if f in text)
            weights.append(html.stat().st_size + assets + extra)
            text_bytes += html.stat().st_size
        index_bytes += (site / "search-index.js").stat().st_size
    shutil.rmtree(out)
    return statistics.median(weights), index_bytes / text_bytes


EXAMPLES = ["randers", "aalborg", "diplomledelse", "skole-og-dagtilbud", "grundskoleforvaltningen"]
WORKLOADS = [
    ("many: 100 programmes x 40 pages", "many", 100, 40, 1),
    ("big: 1 programme x 4,000 pages", "big", 1, 4000, 100),
    ("linearity: 1 programme x 1,000 pages", "thousand", 1, 1000, 25),
]


def search_latency():
    """Median and slowest query of the judged question set in Chromium (bench/search_latency.mjs),
    or None when the browser or the npm packages are missing."""
    if not (Path("/usr/bin/chromium").exists() and (REPO / "node_modules" / "playwright-core").exists()):
        return None
    out = subprocess.run(["node", "bench/search_latency.mjs"], cwd=REPO, check=True, text=True,
                         capture_output=True, env={**os.environ, "HANDBOOK_BIN": str(HANDBOOK)})
    return json.loads(out.stdout.strip().splitlines()[-1])


def main():
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # MkDocs Material's notice on every build
    for path, what in ((HANDBOOK, "cargo build --release"), (FLOOR, "cargo build --release --example markdown_floor"),
                       (IO_FLOOR, "cargo build --release --example io_floor")):
        if not path.exists():
            raise SystemExit(f"build it first: {what}")
    root = Path(tempfile.mkdtemp(prefix="handbook-bench-"))
    rows = []
    try:
        # The big handbook first: its first builds are measured before this run deletes anything.
        big_root = root / "big"
        generate(big_root, 1, 4000, 100)
        first, rebuild, deleted, copied = first_builds(big_root)
        stages = stage_times(big_root)
        floor_s, floor_mb = floor(big_root)
        io_read, io_write, io_both = io_floor(big_root)
        shutil.rmtree(big_root)
        for name, folder, programmes, pages, sections in WORKLOADS:
            rows += workload(name, root / folder, programmes, pages, sections)
            shutil.rmtree(root / folder)
        flat40 = flat_page_weight(root / "flat40", 40)
        flat4000 = flat_page_weight(root / "flat4000", 4000)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    cold = cold_content()
    cold_examples = cold_content(*EXAMPLES)
    reload_s = serve_reload("guide-da")
    reload_randers = serve_reload("randers", "pejlemaerker.md")  # the page issue 7 measured
    weight, index_share = page_weight()
    latency = search_latency()

    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    lines = [f"Machine: {os.cpu_count()} cores, {cpu}; {time.strftime('%Y-%m-%d')}; {RUNS} interleaved runs, medians.", "",
             "| workload | tool | wall (s) | pages/s | peak memory (MB) | output (MB) | search index (MB) | handbook is faster by |",
             "|---|---|---|---|---|---|---|---|"]
    for row in rows:
        ours = next(r for r in rows if r["workload"] == row["workload"] and r["tool"] == "handbook")
        if row["median_s"] is None:
            lines.append(f"| {row['workload']} | {row['tool']} | stopped after {CAP} s | < {pages_of(row) / CAP:.0f} | – | – | – | > {CAP / ours['median_s']:.0f}× |")
            continue
        ratio = "" if row["tool"] == "handbook" else f"{row['median_s'] / ours['median_s']:.1f}×"
        index = f"{row['index_mb']:.2f}" if row["index_mb"] is not None else "–"
        lines.append(f"| {row['workload']} | {row['tool']} | {row['median_s']:.2f} | {row['pages_per_s']:.0f} | {row['peak_mb']:.0f} | {row['output_mb']:.1f} | {index} | {ratio} |")
    big = next(r for r in rows if r["tool"] == "handbook" and r["workload"].startswith("big"))
    thousand = next(r for r in rows if r["tool"] == "handbook" and r["workload"].startswith("linearity"))
    lines += ["",
              f"- Cold build of all of content/ (five programmes, two guides): {cold * 1000:.0f} ms; of the five example programmes: {cold_examples * 1000:.0f} ms.",
              f"- `serve`: edited page saved to reloaded page: guide page with code (guide-da) {reload_s * 1000:.0f} ms; programme page (randers) {reload_randers * 1000:.0f} ms.",
              f"- 4,000 pages, interleaved: first build into a new folder {first:.2f} s, rebuild {rebuild:.2f} s ({first / rebuild:.2f}×); "
              f"first build into a folder deleted just before {deleted:.2f} s (`cp -a` of the same site after the same deletion: {copied:.2f} s).",
              f"- Floor: pulldown-cmark alone renders the 4,000 pages' {floor_mb:.1f} MB of Markdown in {floor_s * 1000:.0f} ms on one core; the rebuild takes {rebuild / floor_s:.1f}× that.",
              f"- The files alone (examples/io_floor.rs, all cores): reading the pages {io_read:.0f} ms, writing the site over a copy {io_write:.0f} ms, both {io_both:.0f} ms ({io_both / (floor_s * 1000):.1f}× the floor).",
              "- Stages of that rebuild (wall ms, median; pages, print view and search index run side by side), and each as a multiple of the floor: "
              + ", ".join(f"{stage} {ms:.0f} ({ms / (floor_s * 1000):.1f}×)" for stage, ms in stages.items()) + ".",
              f"- Linearity: 4,000 pages take {big['median_s'] / thousand['median_s']:.1f}× the time of 1,000 pages.",
              f"- A page of a flat folder (HTML, median): 40 pages {flat40 / 1024:.1f} KB, 4,000 pages {flat4000 / 1024:.1f} KB ({flat4000 / flat40:.2f}×).",
              f"- Page weight (HTML, CSS, JS, no index), median: {weight / 1024:.1f} KB; search index: {index_share * 100:.1f} % of the sites' HTML.",
              f"- Search in Chromium, the judged questions typed {latency['queries']} times: median query {latency['median_ms']:.1f} ms, "
              f"slowest {max(latency['slowest_first_round_ms'], latency['slowest_later_ms'] or 0):.1f} ms "
              f"(slowest on a freshly opened page {latency['slowest_first_round_ms']:.1f} ms)." if latency else
              "- Search in Chromium: not measured (needs /usr/bin/chromium and `npm ci`)."]
    table = "\n".join(lines)
    print(table)
    (REPO / "bench" / "results.md").write_text(table + "\n")
    json.dump(rows, open(REPO / "bench" / "results.json", "w"), indent=2)


if __name__ == "__main__":
    main()
