"""Who did what to whom in one parsed sentence, and whether it happened: a verb's subject
and objects (through relative pronouns, shared subjects of conjoined and participle
clauses, passives and their agents), and the guards that keep planned, conditional,
negated and hypothetical acts out. Pure functions over `parse_model.Parse`."""

from __future__ import annotations

from loaders.extraction.parse_model import Parse, Token

# Branches of a phrase that say something else than who it is.
CLAUSES = frozenset({"relcl", "acl", "advcl", "ccomp", "xcomp", "parataxis", "punct", "mark"})
MODALS = frozenset({"will", "would", "could", "should", "may", "might", "must", "can", "shall"})
# "planned to visit", "threatened to expel", "agreed to restore": not (yet) done.
NOT_YET = frozenset(
    {
        "plan", "expect", "threaten", "want", "hope", "seek", "intend", "propose", "consider",
        "refuse", "fail", "aim", "try", "vow", "pledge", "promise", "urge", "demand", "ask",
        "prepare", "wish", "agree", "decide", "offer", "call", "need", "push", "move", "warn",
        "set", "schedule", "invite", "deny", "reject", "discuss", "weigh", "mull", "likely",
    }
)  # fmt: skip
_RELATIVE = frozenset({"WDT", "WP", "WP$"})
_REPORTED_SELF = frozenset({"it", "he", "she"})


def subject(parse: Parse, v: int) -> Token | None:
    """The doer's phrase head: the verb's own subject, that of the clause it continues ("X
    withdrew ... and expelled"; "X hit back, ordering ..."), the noun a relative clause
    hangs on ("Ecuador, which had expelled ..."); the agent of a passive."""
    tok = parse.tokens[v]
    agents = [p for a in parse.kids(v, "agent") for p in parse.kids(a.i, "pobj")]
    if agents:
        return agents[0]
    if parse.kids(v, "nsubjpass", "auxpass"):
        return _reporter(parse, tok)
    for _ in range(3):
        subj = parse.kids(tok.i, "nsubj")
        if subj:
            if subj[0].tag in _RELATIVE and tok.dep == "relcl":
                return parse.tokens[tok.head]
            if subj[0].lemma in _REPORTED_SELF and tok.dep == "ccomp":
                return _reporter(parse, tok) or subj[0]  # "Venezuela said it was expelling"
            return subj[0]
        if tok.dep not in ("conj", "advcl", "xcomp", "pcomp") or tok.head == tok.i:
            return None
        tok = _verb_above(parse, tok)
    return None


def _reporter(parse: Parse, tok: Token) -> Token | None:
    """A passive without an agent reported by someone: "Canada announced that the official
    had been expelled" -- the announcer did it."""
    if tok.dep != "ccomp" or tok.head == tok.i:
        return None
    subj = parse.kids(tok.head, "nsubj")
    return subj[0] if subj else None


def objects(parse: Parse, v: int, preps: tuple[str, ...]) -> list[Token]:
    """The heads of the verb's objects: direct and dative objects, a passive's subject, and
    the objects of the listed prepositions."""
    heads = parse.kids(v, "dobj", "dative", "obj", "nsubjpass")
    for p in parse.kids(v, "prep"):
        if p.lemma in preps:
            heads.extend(parse.kids(p.i, "pobj"))
    return heads


def conjuncts(parse: Parse, head: Token) -> list[Token]:
    """A phrase head, the heads conjoined with it ("drills and exercises") and the nouns it
    quantifies ("the start of strikes", "two rounds of talks")."""
    out: list[Token] = []
    todo = [head]
    while todo and len(out) < 12:
        t = todo.pop()
        out.append(t)
        todo.extend(parse.kids(t.i, "conj"))
        for p in parse.kids(t.i, "prep"):
            if p.lemma == "of":
                todo.extend(parse.kids(p.i, "pobj"))
    return out


def phrase(parse: Parse, head: Token, *, preps: bool = True) -> list[int]:
    """The tokens of a noun phrase without its clauses; without its prepositional phrases
    other than "of" when `preps` is false (a subject's "in Poland" is not its doer)."""

    def keep(t: Token) -> bool:
        if t.dep in CLAUSES:
            return False
        return preps or t.dep != "prep" or t.lemma == "of"

    return parse.subtree(head.i, keep)


def happened(parse: Parse, v: int, present_ok: bool, under: frozenset[str] = frozenset()) -> bool:
    """The verb reports a past act: not negated, modal, conditional, an infinitive or under a
    verb of intention (except those in `under`: "agreed to restore ties" is how the press
    reports a restoration); in a past tense, a perfect, a progressive or a participle
    clause of such a verb (`present_ok`: a chronology line's historical present)."""
    tok = parse.tokens[v]
    agreed = tok.dep == "xcomp" and parse.tokens[tok.head].lemma in under
    if _blocked(parse, tok, agreed):
        return False
    if not _tense_ok(parse, parse.tokens[tok.head] if agreed else tok, present_ok, 0):
        return False
    for _ in range(4):
        if tok.head == tok.i:
            return True
        head = parse.tokens[tok.head]
        if (
            tok.dep in ("xcomp", "ccomp", "advcl")
            and head.lemma not in under
            and (head.lemma in NOT_YET or parse.kids(head.i, "neg"))
        ):
            return False
        if tok.dep in ("conj", "xcomp") and _blocked(parse, head):
            return False
        tok = head
    return True


def _blocked(parse: Parse, tok: Token, infinitive_ok: bool = False) -> bool:
    aux = parse.kids(tok.i, "aux", "auxpass")
    return bool(
        parse.kids(tok.i, "neg")
        or any(a.lemma in MODALS or (a.lemma == "to" and not infinitive_ok) for a in aux)
        or any(m.lemma in ("if", "unless", "whether") for m in parse.kids(tok.i, "mark"))
    )


def _tense_ok(parse: Parse, tok: Token, present_ok: bool, depth: int) -> bool:
    aux = parse.kids(tok.i, "aux", "auxpass")
    if tok.tag == "VBD" or (tok.tag == "VBG" and any(a.lemma == "be" for a in aux)):
        return True  # a past, or a progressive: "was expelling", "is sending"
    if tok.tag == "VBN":
        if any(a.lemma == "have" or a.tag in ("VBD", "VBN") for a in aux):
            return True
        if tok.dep == "ROOT" and not aux and parse.kids(tok.i, "nsubj"):
            return True  # a past the tagger read as a participle: "Ecuador expelled ..."
    elif tok.tag in ("VBZ", "VBP", "VB") and present_ok and not aux:
        return True
    if tok.dep in ("conj", "advcl", "pcomp") and tok.tag in ("VBN", "VBG") and depth < 3:
        return _tense_ok(parse, _verb_above(parse, tok), present_ok, depth + 1)
    return False


def _verb_above(parse: Parse, tok: Token) -> Token:
    """The nearest verb above a token ("took the step of expelling": took)."""
    for _ in range(4):
        if tok.head == tok.i:
            return tok
        tok = parse.tokens[tok.head]
        if tok.pos in ("VERB", "AUX"):
            return tok
    return tok
