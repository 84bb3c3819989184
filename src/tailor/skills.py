"""A small hand-built taxonomy of technical skills, so a bullet and a job line that name the same
skill in different words still meet.

Why: MiniLM places "hosting models" and "serving models" close, but not "Slurm" and "HPC
scheduler", "FAISS" and "vector search", or "Oracle SQL" and "database"; TF-IDF only sees shared
spellings. Each concept lists the usual ways postings and résumés name it. This is general
vocabulary of software and ML engineering, not tuned to any posting: add synonyms freely, and keep
each pattern specific enough that an everyday word ("serve humanity", "go to market") does not
fire it.

Postings of other fields are read with a general vocabulary of 29K skill names instead (see
SKILL_NAMES and skill_concepts at the end).
"""

from __future__ import annotations

import functools
import gzip
import re
from importlib import resources
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from collections.abc import Sequence


class _Text(Protocol):
    @property
    def text(self) -> str: ...


# concept -> regular expressions, case-insensitive unless a whole pattern opts out: (?-i:...).
CONCEPTS: dict[str, tuple[str, ...]] = {
    "model-serving": (
        r"\bserving\b",
        r"\binference\b",
        r"\bhost(s|ed|ing)?\b",
        r"\bserve[sd]? (ml |machine learning |the )?models?\b",
        r"\bmodel deploy",
        r"\bdeploy(ing|ment|s)? (of )?(ml |optimi[sz]ed |nlp )?"
        r"models?\b",
        r"\bonline predictions?\b",
        r"\bprediction services?\b",
        r"\bendpoints?\b",
        r"\btriton\b",
        r"\btorchserve\b",
        r"\bkserve\b",
        r"\bvllm\b",
        r"\bseldon\b",
    ),
    "llm": (
        r"\bllms?\b",
        r"\blarge language models?\b",
        r"\bgen ?ai\b",
        r"\bgenerative ai\b",
        r"\btransformers?\b",
        r"\bfoundation models?\b",
        r"\bgpt",
        r"\bllama",
        r"\bnlp\b",
        r"\blanguage models?\b",
        r"\brag\b",
        r"\bfine[- ]?tun",
    ),
    "vector-search": (
        r"\bfaiss\b",
        r"\bnearest neighbou?rs?\b",
        r"\bann\b",
        r"\bvector (search|database|db|store|index)",
        r"\bsemantic search\b",
        r"\bsimilarity search\b",
        r"\bembedding (search|retrieval|platform|store)",
        r"\bretrieval\b",
        r"\brag\b",
        r"\bhnsw\b",
        r"\bpinecone\b",
        r"\bmilvus\b",
    ),
    "monitoring": (
        r"\bmonitor(ing|s)?\b",
        r"\bobservability\b",
        r"\bdrift\b",
        r"\balert(s|ing)\b",
        r"\btelemetry\b",
        r"\bprometheus\b",
        r"\bgrafana\b",
        r"\bdatadog\b",
        r"\bdebug(ging)?\b",
    ),
    "orchestration": (
        r"\borchestrat",
        r"\bairflow\b",
        r"\bdagster\b",
        r"\bargo\b",
        r"\bkubeflow\b",
        r"\bkfp\b",
        r"\bflyte\b",
        r"\bprefect\b",
        r"\bluigi\b",
        r"\bdags?\b",
        r"\bworkflows?\b",
        r"\bschedul(er|ers|ing)\b",
        r"\bjob orchestrator",
    ),
    "ml-pipelines": (
        r"\bkubeflow\b",
        r"\bkfp\b",
        r"\btfx\b",
        r"\btensorflow extended\b",
        r"\b(ml|machine learning|training|re-?training) pipelines?\b",
        r"\bre-?training\b",
        r"\bmlops\b",
        r"\bml workflows?\b",
        r"\bmodel lifecycle\b",
        r"\bend-to-end (ml|machine learning)\b",
        r"\bmlflow\b",
        r"\bcontinuous training\b",
        r"\bidea to production\b",
        r"\bmodels? (in|into|to) production\b",
        r"\bproductioni[sz]",
    ),
    "ml-platform": (
        r"\b(ml|machine learning|ai) (platforms?|infrastructure|infra)\b",
        r"\bmlops\b",
        r"\bmodel lifecycle\b",
        r"\btraining (platforms?|stack|service)",
        r"\bhosting (solution|service|platform)",
        r"\bml training service\b",
    ),
    "training-infra": (
        r"\btraining (clusters?|platforms?|infrastructure|stack|service)\b",
        r"\bdistributed training\b",
        r"\bgpus?\b",
        r"\btpus?\b",
        r"\baccelerators?\b",
        r"\bslurm\b",
        r"\bhpc\b",
        r"\bhigh[- ]performance computing\b",
        r"\bcompute clusters?\b",
        r"\b(gpu|training|compute) clusters?\b",
        r"\bray\b",
        r"\bdeepspeed\b",
        r"\bhorovod\b",
        r"\btraining\b.*\bat scale\b",
    ),
    "hpc-scheduling": (
        r"\bslurm\b",
        r"\bhpc\b",
        r"\bhigh[- ]performance computing\b",
        r"\b(job|batch|cluster|workload) schedul",
        r"\bpbs\b",
        r"\blsf\b",
    ),
    "ci-cd": (
        r"\bci/cd\b",
        r"\bci\b",
        r"\bcontinuous (integration|delivery|deployment)\b",
        r"\bbuild (systems?|pipelines?)\b",
        r"\bgithub actions\b",
        r"\bjenkins\b",
        r"\bcircleci\b",
        r"\bbuildkite\b",
        r"\brelease (pipelines?|automation)\b",
    ),
    "testing": (r"\btests?\b", r"\btesting\b", r"\btest coverage\b", r"\bunit tests?\b"),
    "release": (
        r"\breleas(e|ed|es|ing)\b",
        r"\brelease manag",
        r"\bversioning\b",
        r"\brollouts?\b",
        r"\bmaintainers?\b",
    ),
    "api": (
        r"\brest(ful)?\b",
        r"\bapis?\b",
        r"\bsdks?\b",
        r"\bgrpc\b",
        r"\bgraphql\b",
        r"\bapi design\b",
        r"\binterfaces?\b",
    ),
    "web-backend": (
        r"\bdjango\b",
        r"\bflask\b",
        r"\bfastapi\b",
        r"\bbackend\b",
        r"\bback-end\b",
        r"\bweb services?\b",
        r"\brails\b",
        r"\bmicroservices?\b",
    ),
    "databases": (
        r"\bsql\b",
        r"\bdatabases?\b",
        r"\bpostgres",
        r"\bmysql\b",
        r"\boracle\b",
        r"\bquer(y|ies)\b",
        r"\bmaterialized views?\b",
        r"\bdba\b",
        r"\bdatabase administrat",
        r"\brelational\b",
        r"\bnosql\b",
        r"\bcassandra\b",
        r"\bmongo",
        r"\bdynamodb\b",
        r"\bredis\b",
        r"\bindex(es|ing)\b",
        r"\bsqlite\b",
    ),
    "streaming": (
        r"\bkafka\b",
        r"\bflink\b",
        r"\bpulsar\b",
        r"\bkinesis\b",
        r"\bstreaming\b",
        r"\bstream processing\b",
        r"\breal[- ]time\b",
        r"\bevent[- ]driven\b",
        r"\bpub/?sub\b",
        r"\bspark streaming\b",
    ),
    "big-data": (
        r"\bspark\b",
        r"\bhadoop\b",
        r"\bbig data\b",
        r"\bdata pipelines?\b",
        r"\betl\b",
        r"\belt\b",
        r"\bbatch processing\b",
        r"\bdataflow\b",
        r"\bbeam\b",
        r"\bdata lakes?\b",
        r"\bdata warehouse",
        r"\bbigquery\b",
        r"\bsnowflake\b",
        r"\blarge datasets?\b",
        r"\bdbt\b",
    ),
    "containers": (
        r"\bkubernetes\b",
        r"\bk8s\b",
        r"\bdocker\b",
        r"\bcontaineri[sz]",
        r"\bhelm\b",
        r"\bcontainers?\b",
        r"\bmicroservices?\b",
    ),
    "cloud": (
        r"\bgcp\b",
        r"\bgoogle cloud\b",
        r"\baws\b",
        r"\bazure\b",
        r"\bcloud\b",
        r"\bec2\b",
        r"\bs3\b",
    ),
    "infra-automation": (
        r"\bansible\b",
        r"\bterraform\b",
        r"\bpuppet\b",
        r"\bchef\b",
        r"\binfrastructure as code\b",
        r"\bprovisioning\b",
        r"\bdevops\b",
        r"\bconfiguration management\b",
        r"\bpulumi\b",
        r"\bcloudformation\b",
    ),
    "python": (r"\bpython\b", r"\bpypi\b", r"\bwheels?\b", r"\bpip\b"),
    "go": (r"\bgolang\b", r"(?-i:\bGo\b)"),
    "javascript": (
        r"\bjavascript\b",
        r"\btypescript\b",
        r"\bnode(\.?js)?\b",
        r"\breact\b",
        r"\bfrontend\b",
        r"\bfront-end\b",
    ),
    "jvm": (r"\bjava\b", r"\bscala\b", r"\bkotlin\b", r"\bjvm\b"),
    "mobile": (
        r"\bios\b",
        r"\bswift\b",
        r"\bobjective-c\b",
        r"\bandroid\b",
        r"\bmobile\b",
        r"\bxcode\b",
    ),
    "security": (
        r"\bsecurity\b",
        r"\bowasp\b",
        r"\bvulnerabilit",
        r"\bthreat model",
        r"\bappsec\b",
        r"\bpenetration test",
        r"\bsecure\b",
    ),
    "developer-tools": (
        r"\bdeveloper (tools?|tooling|experience|productivity|workflows?)\b",
        r"\bdev ?tools\b",
        r"\bides?\b",
        r"\bvs ?code\b",
        r"\bjetbrains\b",
        r"\bclis?\b",
        r"\bcommand[- ]line\b",
        r"\bsdks?\b",
        r"\bmonorepo\b",
        r"\beditors?\b",
        r"\bextensions?\b",
        r"\bplugins?\b",
        r"\bdevelop(er)? (iteration|velocity)\b",
        r"\bdevelopment time\b",
        r"\binteractive environments?\b",
    ),
    "open-source": (
        r"\bopen[- ]source\b",
        r"\boss\b",
        r"\bcontribut(or|ors|ions?)\b",
        r"\bmaintainers?\b",
        r"\bcommunity\b",
        r"\bgithub\b",
        r"\bupstream\b",
        r"\bapache\b",
    ),
    "mentoring": (
        r"\bmentor",
        r"\bcoach",
        r"\bonboard",
        r"\bupskill",
        r"\bgrow(ing)? (junior|"
        r"other )?engineers\b",
        r"\bteam members? (growth|development)\b",
        r"\bguidance\b",
    ),
    "tech-leadership": (
        r"\btech(nical(ly)?)? lead",
        r"\bleadership\b",
        r"\broadmaps?\b",
        r"\btechnical direction\b",
        r"\blead(ing|s)? (complex |technical |cross-functional )?(projects?|teams?|"
        r"engineers|efforts|initiatives)\b",
        r"\bled (a )?team\b",
        r"\bteam of \d+",
        r"\bexecution\b",
        r"\bstaff\+? engineers?\b",
    ),
    "teaching-speaking": (
        r"\btalks?\b",
        r"\bpresent(ed|ing|ations?)\b",
        r"\bconferences?\b",
        r"\bspeak(er|ing)\b",
        r"\btechnical content\b",
        r"\bblog",
        r"\bteach",
        r"\bclass(es)?\b",
        r"\bworkshops?\b",
        r"\bdemos?\b",
        r"\beducat",
        r"\btutorials?\b",
        r"\bdocumentation\b",
    ),
    "ml-modeling": (
        r"\brecommend(er|ation)",
        r"\branking models?\b",
        r"\bhyperparameter",
        r"\bbayesian optimi",
        r"\bmodel quality\b",
        r"\b(build|train)(ing)? (ml |machine learning )?models\b",
        r"\bdeep learning\b",
        r"\bword2vec\b",
        r"\bembeddings?\b",
        r"\bclick models?\b",
        r"\bmodel improvements?\b",
        r"\bdata scien",
    ),
    "ml-frameworks": (
        r"\btensorflow\b",
        r"\bpytorch\b",
        r"\bjax\b",
        r"\bxgboost\b",
        r"\bscikit",
        r"\bkeras\b",
        r"\bhugging ?face\b",
        r"\btfx\b",
        r"\bml frameworks?\b",
        r"\bmachine learning frameworks?\b",
    ),
    "feature-store": (r"\bfeature stores?\b", r"\bfeast", r"\bfeature (engineering|pipelines?)\b"),
    "performance-cost": (
        r"\bcost\b",
        r"\blatency\b",
        r"\bperformance\b",
        r"\boptimi[sz]",
        r"\befficien",
        r"\bthroughput\b",
        r"\bbenchmark",
        r"\bprofil(e|ing)\b",
        r"\bresponse time\b",
        r"\breduc(e|ed|ing) .{0,30}\btime\b",
    ),
    "reliability": (
        r"\breliab",
        r"\bsre\b",
        r"\buptime\b",
        r"\bon[- ]call\b",
        r"\bincidents?\b",
        r"\bavailability\b",
        r"\bproduction (systems?|services?)\b",
        r"\bresilien",
        r"\blive production\b",
    ),
    "distributed-systems": (
        r"\bdistributed systems?\b",
        r"\bscalab",
        r"\bat scale\b",
        r"\blarge[- ]scal",
        r"\bhigh[- ]throughput\b",
        r"\bload balanc",
        r"\bclusters?\b",
    ),
    "research": (
        r"\bresearch\b",
        r"\bpublications?\b",
        r"\bpapers?\b",
        r"\bph\.?d\b",
        r"\bthesis\b",
        r"\bgraduate (degree|studies)\b",
    ),
    "tech-evaluation": (
        r"\bevaluat(e|ed|ing|ion)\b.{0,40}\b(frameworks?|tools?|platforms?|"
        r"solutions?|stack|service|technolog)",
        r"\bnext[- ]gen",
        r"\bnew (technolog|frameworks?|tools)",
        r"\bproof of concept\b",
        r"\bpocs?\b",
        r"\badoption\b",
        r"\bmigrat(e|ion|ing)\b",
        r"\bintegrate new\b",
    ),
    "reuse": (
        r"\breusable\b",
        r"\bcomponents?\b",
        r"\bshared (libraries|code)\b",
        r"\blibrar(y|ies)\b",
        r"\bbest practices\b",
        r"\bframeworks? for\b",
    ),
}

# Concepts every engineering job and most bullets share; they say little about fit on their own.
GENERIC = frozenset({"performance-cost", "distributed-systems", "testing", "reuse"})


@functools.cache
def _compiled() -> dict[str, tuple[re.Pattern[str] | None, re.Pattern[str] | None]]:
    """Per concept: its case-insensitive patterns, compiled to run on folded (lower-case) text,
    and its case-sensitive ones ((?-i:...)), to run on the text as written. Matching folded
    text without re.IGNORECASE is twice as fast, and a long posting has hundreds of lines."""

    def joined(group: list[str]) -> re.Pattern[str] | None:
        return re.compile("|".join(f"(?:{p})" for p in group)) if group else None

    compiled = {}
    for name, patterns in CONCEPTS.items():
        sensitive = [p[len("(?-i:") : -1] for p in patterns if p.startswith("(?-i:")]
        insensitive = [p for p in patterns if not p.startswith("(?-i:")]
        compiled[name] = (joined(insensitive), joined(sensitive))
    return compiled


def _fold(text: str) -> str:
    """`text` in lower case, character for character, so positions in it are positions in
    `text` (the few characters whose lower case is longer, such as "İ", stay as they are)."""
    folded = text.lower()
    if len(folded) == len(text):
        return folded
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _finditer(name: str, text: str, folded: str):
    insensitive, sensitive = _compiled()[name]
    if insensitive is not None:
        yield from insensitive.finditer(folded)
    if sensitive is not None:
        yield from sensitive.finditer(text)


@functools.lru_cache(maxsize=8192)  # bullets come back with every job of a batch
def concepts(text: str) -> frozenset[str]:
    """The taxonomy concepts a text mentions."""
    folded = _fold(text)
    return frozenset(
        name
        for name, (insensitive, sensitive) in _compiled().items()
        if (insensitive is not None and insensitive.search(folded))
        or (sensitive is not None and sensitive.search(text))
    )


# Concepts too broad to name as a job's key term on their own.
_BROAD = GENERIC | {"tech-evaluation", "reuse", "teaching-speaking", "tech-leadership"}


def surface_matches(text: str) -> set[str]:
    """The words in `text` that the taxonomy recognises, as written ("model serving", "Slurm"),
    completed to whole words (patterns match stems such as "orchestrat")."""
    found = set()
    folded = _fold(text)
    for name in _compiled():
        if name in _BROAD:
            continue
        for match in _finditer(name, text, folded):
            end = match.end()
            while end < len(text) and (text[end].isalnum() or text[end] in "+#"):
                end += 1
            words = text[match.start() : end].strip(" -/")
            if len(words) > 1:
                found.add(words)
    return found


# A general vocabulary of skill names, for postings the taxonomy above does not read: it is
# software and ML vocabulary, and outside that field it misfires ("monitoring" a patient,
# "research" a market) or finds nothing. data/skill_names.txt.gz holds the 32K names of the
# skill-extractor package (MIT, see NOTICE) as scripts/build_skills.py writes them, one a line
# as words() reads it (and as written, after a tab, where that differs): a name is a concept of
# its own (no synonyms), and a one-word name is kept only where the word is rare as an
# ordinary word.
SKILL_NAMES = "data/skill_names.txt.gz"
# A posting is read with the taxonomy when at least this share of its lines name a specific
# taxonomy concept, with the general names otherwise. Out of sample (benchmarks/ranking.py,
# scripts/skill_layers.py) the switch is worth +0.008 ± 0.004 nDCG@10 over all graded cases and
# +0.05 for the non-software people, the seed set unchanged; the names in place of the taxonomy
# everywhere cost the seed set 0.1, and both at once 0.06.
TAXONOMY_SHARE = 0.25

_WORD = re.compile(r"[^\W_][\w+#]*(?:[.\-/'][\w+#]+)*[+#]*")


def _word(token: str) -> str:
    token = token.lower()
    if len(token) > 4 and token.isalpha():
        if token.endswith("ies"):
            return token[:-3] + "y"
        if token.endswith("s") and not token.endswith(("ss", "us", "is")):
            return token[:-1]
    return token


def words(text: str) -> list[str]:
    """A text's words as the skill names are written: lower case, plurals folded
    ("Pipelines" -> "pipeline"), so the names and the texts meet however either is inflected."""
    return [_word(token) for token in _WORD.findall(text)]


@functools.cache
def _skill_names() -> tuple[dict[str, str], int]:
    """The general skill names, as words() reads them -> as written, and the longest one's
    length in words."""
    data = resources.files("tailor").joinpath(SKILL_NAMES).read_bytes()
    names = {}
    for line in gzip.decompress(data).decode("utf-8").splitlines():
        read, _, written = line.partition("\t")
        names[read] = written or read
    return names, 1 + max(name.count(" ") for name in names)


@functools.lru_cache(maxsize=8192)  # bullets come back with every job of a batch
def named_skills(text: str) -> frozenset[str]:
    """The general skill names a text names, as the vocabulary writes them ("Kubeflow Pipelines"
    -> "kubeflow pipelines"), overlapping ones too ("kubeflow" and "kubeflow pipelines")."""
    names, longest = _skill_names()
    tokens = words(text)
    return frozenset(
        names[phrase]
        for i in range(len(tokens))
        for n in range(1, min(longest, len(tokens) - i) + 1)
        if (phrase := " ".join(tokens[i : i + n])) in names
    )


def skill_concepts(
    bullets: Sequence[_Text], units: Sequence[_Text]
) -> tuple[list[frozenset[str]], list[frozenset[str]]]:
    """Per bullet and per unit of one posting, the concepts tailor.rank compares: the
    taxonomy's when it reads the posting (TAXONOMY_SHARE), the general skill names' otherwise."""
    found = [concepts(unit.text) for unit in units]
    if sum(1 for names in found if names - GENERIC) >= TAXONOMY_SHARE * len(units):
        return [concepts(bullet.text) for bullet in bullets], found
    return [named_skills(b.text) for b in bullets], [named_skills(u.text) for u in units]
