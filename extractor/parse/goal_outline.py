"""Goal trees from the document outline: the general method for house styles nobody has seen.

The outline (extractor.layout.outline) gives headings with levels, list items with nesting and
labelled blocks. Goals are read from that structure with the cue vocabulary
(models/data/goal_cues.csv):

* a heading or label that starts with a cue and goes on with a statement is one goal
  ("Hoofddoel 2: Gezond opgroeien", "Operationeel doel Regionale afstemming …", "Doel: …");
* a heading, label or introducing sentence that names a set ("Doelstellingen", "Onze zes
  speerpunten", "Wat willen we bereiken?", "… de volgende doelen:") makes the items of the list
  below it goals — or its sub-headings, or one-statement paragraphs when there is no list;
* "Wat gaan we daarvoor doen?", "Activiteiten", "Acties:" make the items below prestaties of
  the goal they stand under;
* parents come from heading nesting, list nesting and numbering ("1.1" under goal "1").

What is not recognised on purpose: goals only in running prose, goals in tables (the table
layer's business) and documents whose kind has no goals (a verordening, besluit, memo, letter
or catalogue), which get none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from extractor.layout.outline import Block, Outline, Section
from extractor.model import GoalNode, Metadata
from extractor.parse.goal_cues import CueMatch, introduces_list, read_cue, singular
from extractor.parse.textutil import clean_title
from extractor.read.types import line_span

RANK_LEVEL = {1: "beleidsterrein", 2: "doel", 3: "prestatie"}
# Kinds of documents that decide or inform but set no goals of their own.
NO_GOAL_TYPES = {"verordening", "besluit", "raadsbesluit", "raadsvoorstel", "memo", "brief", "monitor",
                 "informatievoorschrift", "catalogus", "tabellenboek"}
MAX_TITLE = 160
MAX_PSEUDO_ITEM = 250
_ABOUT_DOCUMENT = re.compile(r"^(het\s+)?doel\s+van\s+(dit|deze|het)\s+(document|notitie|memo|rapport|rapportage|brief|"
                             r"tussenstand|plan|stuk|onderzoek|evaluatie|voorstel|nota|verslag|monitor|programma)\b",
                             re.IGNORECASE)
_PROGRAMME = re.compile(r"^\s*(?:Programma|Programmaonderdeel)\s+(\d{1,2}[A-Z]?)\b\s*[:.\-–]?\s*(.*)$", re.IGNORECASE)
_DOTTED_LEADER = re.compile(r"(\.{3,}|…)\s*\d{1,4}$")
_PAGE_AFTER_TITLE = re.compile(r"[A-Za-zÀ-ÿ]{3,}\s+(\d{1,3})$")  # "8.3 Bedrijfsvoering 37" on p18: a contents line
# A sentence ends after a word of three characters ("HIX).", "doen.") or a two-letter word ("… bouwen in."),
# never after an initial or abbreviation of one or two letters ("o.a.", "J. de Vries").
_SENTENCE_END = re.compile(r"(?:(?<=[A-Za-zà-ÿ0-9)]{3})|(?<=\s[a-zà-ÿ]{2}))[.!?](?=\s+[A-Z])")
# "Informatie actueel houden: Aanvullen met …": a statement, a colon and an explanation in sentences.
_EXPLAINED = re.compile(r"(?<=[a-zà-ÿ)]{2}):\s+(?=[A-Z][a-zà-ÿ]+\s)")


# "financi ë n": a text layer that places an accented letter as a glyph of its own.
_SPLIT_ACCENT = re.compile(r"(?<=[a-zà-ÿ]) ([ëïöüéèó]) (?=[a-zà-ÿ])")


def _title(text: str) -> str:
    return _SPLIT_ACCENT.sub(r"\1", clean_title(text))


@dataclass
class _Goal:
    node_id: str
    title: str
    rank: int
    block: Block
    label: Optional[str] = None
    code: Optional[str] = None
    parent: Optional["_Goal"] = None
    description: Optional[str] = None
    children: int = 0
    set_word: Optional[str] = None
    refines: bool = False  # listed in the goal's own statement ("… zodat" + items): sub-goals, ids "2.1"


@dataclass
class _Scope:
    """What a section passes to its sub-sections: the goal above and a set being listed."""

    parent: Optional[_Goal] = None
    container: Optional[tuple[int, Optional[str]]] = None  # (rank, label) of a set of goals
    numbers: dict[str, _Goal] = field(default_factory=dict)
    question: Optional[str] = None  # a BBV question heading ("Wat willen we bereiken?") as printed
    set_word: Optional[str] = None  # the singular of the heading's plural cue ("speerpunt" under "Onze 6 speerpunten")


class _Tree:
    def __init__(self) -> None:
        self.goals: list[_Goal] = []
        self.ids: set[str] = set()
        self.programmes: dict[int, _Goal] = {}
        self.sections: dict[int, _Goal] = {}  # chapter nodes made by `anchor`, by section
        self.cue_sections: set[int] = set()
        self.last_goal: Optional[_Goal] = None
        self.goal_blocks: set[int] = set()
        self.sections_in_order: list[Section] = []

    def add(self, title: str, rank: int, block: Block, parent: Optional[_Goal], scope: _Scope,
            label: Optional[str] = None, number: Optional[str] = None, description: Optional[str] = None) -> Optional[_Goal]:
        title = _title(title).rstrip(":").strip()
        if not title or not re.search(r"[A-Za-zÀ-ÿ]{2}", title) or _ABOUT_DOCUMENT.match(title):
            return None
        digits = sum(ch.isdigit() for ch in title)
        page_ref = _PAGE_AFTER_TITLE.search(title)
        toc = _DOTTED_LEADER.search(title) or (number and "." in number and page_ref is not None and block.page is not None
                                               and int(page_ref.group(1)) >= block.page + 3)
        if toc or digits > 0.4 * len(title.replace(" ", "")):
            return None  # a contents line ("Bedrijfsvoering 37") or a row of figures is no goal
        node_id = self._id(number, parent)
        goal = _Goal(node_id=node_id, title=title, rank=rank, block=block, label=label, code=number,
                     parent=parent, description=description)
        if parent is not None:
            parent.children += 1
        self.goals.append(goal)
        self.goal_blocks.add(id(block))
        if rank < 3:
            self.last_goal = goal
        if number:
            scope.numbers[number.rstrip(".")] = goal
        return goal

    def _id(self, number: Optional[str], parent: Optional[_Goal], goal: Optional[_Goal] = None) -> str:
        """The printed number where there is one, else the position under the parent ('3.1/2')."""
        if number and ("." in number or re.search(r"\d[A-Z]", number) or parent is None):
            base = number
        elif number:
            base = f"{parent.node_id}/{number}"  # type: ignore[union-attr]
        else:
            refines = goal is not None and goal.refines
            siblings = [g for g in self.goals if g.parent is parent and g.rank > 0 and g.refines == refines]
            position = siblings.index(goal) + 1 if goal in siblings else len(siblings) + 1
            joint = "." if refines else "/"
            base = f"{parent.node_id}{joint}{position}" if parent is not None else str(position)
        node_id, suffix = base, 2
        while node_id in self.ids:
            node_id, suffix = f"{base}-{suffix}", suffix + 1
        self.ids.add(node_id)
        return node_id

    def assign_ids(self) -> None:
        """Final ids, once every parent is known: chapters and programmes first, then the goals in printed order."""
        self.ids = set()
        for goal in sorted(self.goals, key=lambda g: g.rank > 0):
            goal.node_id = self._id(goal.code, goal.parent, goal)

    def first_numbered(self, section: Section) -> Section:
        """A chapter heading repeated on later pages ("04 Leefbaarheid en klimaat", then "04 Leefbaarheid en
        duurzaamheid") is one chapter: the first heading with that number and level names it."""
        number = section.heading.number if section.heading is not None else None
        if not number:
            return section
        order = self.sections_in_order
        index = order.index(section) if section in order else 0
        first = section
        for earlier in reversed(order[:index]):
            if earlier.level != section.level or earlier.heading is None or not earlier.heading.number:
                continue
            if earlier.heading.number != number:
                break  # another chapter came in between: not a repetition
            first = earlier
        return first

    def anchor(self, goal: _Goal, cue_sections: set[int]) -> None:
        """Hang a top goal under the numbered chapter and paragraph headings it stands in."""
        chain: list[Section] = []
        section = goal.block.section
        if section is not None and section.heading is goal.block:
            section = section.parent
        while section is not None and section.heading is not None:
            if section.heading.number and id(section) not in cue_sections and id(section.heading) not in self.goal_blocks:
                chain.append(section)
            section = section.parent
        chain = list(reversed(chain))[-2:]
        parent: Optional[_Goal] = None
        for depth, section in enumerate(chain):
            section = self.first_numbered(section)
            key = id(section)
            node = self.sections.get(key)
            if node is None:
                heading = section.heading
                assert heading is not None
                node_id = heading.number or ""
                while node_id in self.ids:
                    node_id += "'"
                self.ids.add(node_id)
                node = _Goal(node_id=node_id, title=_title(heading.text), rank=-depth - 1, block=heading,
                             code=heading.number, parent=parent)
                self.sections[key] = node
                self.goals.insert(self.goals.index(goal), node)
            parent = node
        if parent is not None:
            goal.parent = parent
            parent.children += 1


def parse_outline_goals(outline: Outline, metadata: Optional[Metadata] = None) -> list[GoalNode]:
    """Goal nodes read from the outline, or none when the document has no goal structure."""
    if metadata is not None and (metadata.document_type or "").lower() in NO_GOAL_TYPES:
        return []
    tree = _Tree()
    tree.sections_in_order = outline.sections
    _visit(outline.root, _Scope(), tree)
    if sum(1 for g in tree.goals if 0 < g.rank < 3) < 2 and not any(g.label and g.label.lower().startswith("wat ")
                                                                    for g in tree.goals) and not _has_prestaties(tree):
        return []  # one stray cue is no goal tree, and activities without goals are no goal tree either
    for goal in [g for g in tree.goals if g.parent is None and g.rank > 0]:
        tree.anchor(goal, tree.cue_sections)
    tree.goals = [g for g in tree.goals if not (g.rank >= 3 and g.parent is None)]  # activities of no goal
    _drop_empty_context(tree)
    tree.assign_ids()
    _qualify_clashing_ids(tree.goals)
    return [_node(goal) for goal in tree.goals]


def _qualify_clashing_ids(goals: list[_Goal]) -> None:
    """Two numberings side by side (speerpunten 1-6 and chapters 01-06): the listed set's ids carry its cue word."""
    numeric: dict[int, list[_Goal]] = {}
    for goal in goals:
        if goal.parent is None and goal.node_id.isdigit():
            numeric.setdefault(int(goal.node_id), []).append(goal)
    renamed: dict[str, str] = {}
    for clash in numeric.values():
        if len(clash) < 2:
            continue
        for goal in clash:
            if goal.set_word:
                renamed[goal.node_id] = f"{goal.set_word} {goal.node_id}"
                goal.node_id = renamed[goal.node_id]
    if not renamed:
        return
    for goal in goals:
        head, _, tail = goal.node_id.partition("/")
        if tail and head in renamed and goal.parent is not None and goal.parent.node_id == renamed[head]:
            goal.node_id = f"{renamed[head]}/{tail}"


def goal_cue_blocks(outline: Outline) -> int:
    """How many headings and labels name goals: evidence that a goal structure was meant to be there."""
    count = 0
    for block in outline.blocks:
        if block.kind == "heading":
            cue = read_cue(block.text)
        elif block.kind == "label" and block.label:
            cue = read_cue(block.label)
        else:
            continue
        if cue is not None and cue.cue.kind == "goal":
            count += 1
    return count


# --------------------------------------------------------------------------- walking the outline


def _visit(section: Section, scope: _Scope, tree: _Tree) -> None:
    goal: Optional[_Goal] = None
    own_container: Optional[tuple[int, Optional[str]]] = None
    pending_label: Optional[CueMatch] = None
    parent = scope.parent
    heading = section.heading
    local = _Scope(parent=parent, numbers=dict(scope.numbers))
    if heading is not None:
        cue = read_cue(heading.text)
        programme = _PROGRAMME.match(heading.text) if heading.number is None else None
        if cue is not None and cue.cue.kind in ("goal", "action") and not cue.whole and not cue.cue.plural:
            goal = tree.add(cue.rest, cue.cue.rank, heading, parent, local, label=cue.printed,
                            number=cue.number or heading.number)
        elif cue is not None and cue.cue.kind in ("goal", "action") and cue.number:
            pending_label = cue  # "Doel 2" alone: the statement follows
        elif cue is not None and cue.cue.kind in ("goal", "action"):
            own_container = (cue.cue.rank, None if cue.cue.plural else cue.printed)
            local.set_word = singular(cue) if cue.cue.plural else None
            tree.cue_sections.add(id(section))
            if cue.cue.phrase.startswith("wat ") and cue.cue.kind == "goal":
                local.question = heading.text
            if cue.cue.phrase.startswith("wat ") and parent is None:
                local.parent = _bbv_context(section, tree)  # its sub-headings stand in the programme too
        elif scope.container is not None:
            goal = tree.add(heading.text, scope.container[0], heading, parent, local, label=scope.container[1],
                            number=heading.number)
        elif programme is not None and programme.group(2):
            goal = _Goal(node_id=f"P{programme.group(1)}", title=_title(programme.group(2)), rank=0,
                         block=heading, label="Programma", code=programme.group(1))
            tree.programmes[id(heading)] = goal
    if goal is None and own_container is not None and tree.last_goal is not None \
            and (parent is None or parent is tree.last_goal.parent) \
            and tree.last_goal.rank == 1 and tree.last_goal.block.section is not None \
            and tree.last_goal.block.section.parent is section.parent:
        local.parent = tree.last_goal  # "Maatschappelijk effect: …" then "Doelstellingen": the doelstellingen refine it
    if goal is not None:
        local.parent = goal
    local.container = own_container
    before = len(tree.goals)
    _walk_blocks(section, local, tree, pending_label)
    if len(tree.goals) > before:
        own_container = None  # the set was listed in the section itself; later sub-headings are not in it
    for child in section.children:
        child_scope = _Scope(parent=local.parent, container=own_container, numbers=local.numbers,
                             set_word=local.set_word if own_container is not None else None)
        _visit(child, child_scope, tree)
    _attach_programme(heading, tree)


def _attach_programme(heading: Optional[Block], tree: _Tree) -> None:
    """A 'Programma 3 …' heading becomes a node only when goals were found under it."""
    if heading is None or id(heading) not in tree.programmes:
        return
    programme = tree.programmes.pop(id(heading))
    top = [g for g in tree.goals if g.parent is None and _under(g.block, heading)]
    if not top:
        return
    programme.node_id = tree._id(programme.node_id, None) if programme.node_id in tree.ids else programme.node_id
    tree.ids.add(programme.node_id)
    for goal in top:
        goal.parent = programme
        programme.children += 1
    first = tree.goals.index(top[0])
    tree.goals.insert(first, programme)


def _under(block: Block, heading: Block) -> bool:
    section = block.section
    while section is not None:
        if section.heading is heading:
            return True
        section = section.parent
    return False


def _walk_blocks(section: Section, scope: _Scope, tree: _Tree, pending_label: Optional[CueMatch]) -> None:
    container = scope.container
    stack: list[tuple[int, _Goal]] = []  # (item depth, goal) of the list being read
    pseudo: list[Block] = []
    items_seen = False
    announced = False  # the set was announced by a sentence: only a real list follows it
    last_goal: Optional[_Goal] = scope.parent
    if last_goal is None and tree.last_goal is not None and section.parent is not None and (
            tree.last_goal.block.section is section.parent or tree.last_goal.block.section in section.parent.children):
        last_goal = tree.last_goal  # "Doel 1: …" then a "Resultaten" sub-heading: the results are that goal's
    heading = section.heading
    heading_is_goal = scope.parent is not None and scope.parent.block is heading
    refined: Optional[_Goal] = None
    refine_marker: Optional[str] = None
    action_items = _action_item_runs(section.blocks)
    statement_heading = _singular_cue_heading(heading)

    def flush_pseudo() -> None:
        if len(pseudo) >= 2 and container is not None:
            for block in pseudo:
                title, description = _statement(block.text)
                tree.add(title, container[0], block, _set_parent(container[0], scope, last_goal), scope,
                         label=container[1], description=description)
        pseudo.clear()

    blocks = section.blocks
    for index, block in enumerate(blocks):
        next_is_item = index + 1 < len(blocks) and blocks[index + 1].kind == "item"
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        one_of_many = (following is not None and following.kind == "paragraph" and introduces_list(following.text) is None
                       and len(following.text) <= MAX_PSEUDO_ITEM and len(block.text) <= MAX_PSEUDO_ITEM)
        if index == 0 and scope.question and block.kind == "paragraph" and introduces_list(block.text) is None \
                and not one_of_many:
            # BBV: the statement right under "Wat willen we bereiken?" is the programme's aim; listed doelen refine it
            title, description = _statement(block.text)
            aim = tree.add(title, 1, block, scope.parent or _bbv_context(section, tree), scope,
                           label=scope.question, description=description)
            if aim is not None:
                scope.parent = last_goal = aim
            continue
        if pending_label is not None and block.kind in ("label", "paragraph"):
            # "Operationeel doel" on a line of its own: the next block is the statement, whatever its form
            text = f"{block.label}: {block.text}" if block.kind == "label" and block.label else block.text
            title, description = _statement(text)
            goal = tree.add(title, pending_label.cue.rank, block, _set_parent(pending_label.cue.rank, scope, last_goal), scope,
                            label=pending_label.printed, number=pending_label.number, description=description)
            pending_label = None
            if goal is not None and goal.rank < 3:
                last_goal = goal
            continue
        if block.kind == "paragraph" and following is not None and following.kind in ("label", "paragraph"):
            alone = read_cue(block.text)
            if alone is not None and alone.whole and not alone.cue.plural and alone.cue.kind == "goal" \
                    and len(block.text.split()) <= 4:
                flush_pseudo()
                pending_label = alone
                continue
        if index == 0 and statement_heading is not None and block.kind == "paragraph" and not one_of_many \
                and container == (statement_heading.cue.rank, statement_heading.printed) \
                and introduces_list(block.text) is None and not _POINTS_ELSEWHERE.search(block.text):
            # "Doel" / "Maatschappelijk effect" over one paragraph: the paragraph states that goal
            title, description = _statement(block.text)
            goal = tree.add(title, container[0], block, _set_parent(container[0], scope, last_goal), scope,
                            label=container[1], description=description)
            if goal is not None:
                last_goal = goal
            continue
        if block.kind == "label":
            flush_pseudo()
            cue = read_cue(block.label + (f" {block.number}" if block.number else "")) if block.label else None
            if cue is None or cue.cue.kind == "verbal":
                if not (container is not None and items_seen and next_is_item and not block.text):
                    container, stack, items_seen = None, [], False  # "Overige contacten:" over more items keeps it
                continue
            stack, items_seen = [], False
            rank, printed = cue.cue.rank, block.label
            referenced = _referenced_parent(block.number, tree) if (
                cue.cue.kind == "goal" and block.number and block.text and container is not None and container[0] >= 3) else None
            if referenced is not None or (cue.cue.kind == "goal" and _REFERENCE.fullmatch(block.number or "")
                                          and block.text and container is not None and container[0] >= 3):
                # "Doelstelling 1 t/m 4: Betrekken van inwoners" under "Wat gaan we daarvoor doen?": activities
                # for goals listed above, hung under the goal (or the goals' common parent) they name
                title, description = _statement(block.text)
                if referenced is not None and clean_title(title).rstrip(".") == referenced.title.rstrip("."):
                    last_goal = referenced  # the goal's title repeated over its activities
                    continue
                tree.add(title, 3, block, referenced or last_goal, scope, label=f"{printed} {block.number}",
                         number=_range_code(block.number or ""), description=description)
                continue
            if not block.text:
                container = (rank, None if cue.cue.plural else printed)
                continue
            if cue.cue.plural or (rank == 3 and next_is_item):
                container = (rank, None if cue.cue.plural else printed)  # "Acties: <sub-heading>" over a list
                continue
            container = None
            title, description = _statement(block.text)
            own = scope.parent
            if heading_is_goal and own is not None and own.label is None and rank < own.rank and own.block is heading:
                # a heading listed as an activity turns out to carry a "Doel:" of its own
                own.rank, own.label, own.description = rank, printed, clean_title(block.text)
                if next_is_item and not _FINISHED.search(block.text):
                    container, refined, refine_marker = (rank, None), own, blocks[index + 1].marker
                continue
            if (heading is not None and not heading_is_goal and len(block.text) > MAX_TITLE and block.number is None
                    and read_cue(heading.text) is None and rank < 3 and pending_label is None
                    and _goal_labels(blocks) == 1):
                # "1. Netwerkzorg" + "Doel: <paragraph>": the heading names the goal, the label explains it.
                goal = tree.add(heading.text, rank, heading, scope.parent, scope, label=printed,
                                number=heading.number, description=clean_title(block.text))
                heading_is_goal = goal is not None
                if goal is not None:
                    scope.parent = last_goal = goal
                    if next_is_item and not _FINISHED.search(block.text):
                        # "… de inwoners voor te lichten zodat" + a list: the items finish the goal's statement
                        container, refined, refine_marker = (rank, None), goal, blocks[index + 1].marker
                continue
            goal = tree.add(title, rank, block, _set_parent(rank, scope, last_goal), scope, label=printed,
                            number=block.number, description=description)
            if goal is not None and rank < 3:
                last_goal = goal
                if next_is_item and not _FINISHED.search(block.text):
                    container, refined, refine_marker = (rank, None), goal, blocks[index + 1].marker
            continue
        if block.kind == "paragraph":
            rank = introduces_list(block.text)
            if rank is not None:
                flush_pseudo()
                container, stack, items_seen, announced = (rank, None), [], False, True
                continue
            if (container is not None and container[0] < 3 and not announced and not items_seen
                    and len(block.text) <= MAX_PSEUDO_ITEM):
                pseudo.append(block)
                continue
            flush_pseudo()
            if items_seen and not (next_is_item and len(block.text) <= 80):
                container, items_seen = None, False  # a short line over the next items only groups them
            continue
        if block.kind == "item" and id(block) in action_items and last_goal is not None:
            # an item that carries its own "Actie:" (and the items of its list) is an activity of the goal
            title, description = _statement(_ACTION_INSIDE.split(block.text, 1)[0])
            tree.add(title, 3, block, last_goal, scope, label=None, description=description)
            continue
        if block.kind == "item" and refined is not None:
            if block.marker == refine_marker:
                goal = tree.add(*_statement(block.text)[:1], refined.rank, block, refined, scope, label=None)
                if goal is not None:
                    goal.refines = True
                continue
            refined, container = None, None
        if block.kind == "item":
            flush_pseudo()
            if container is None:
                continue
            items_seen = True
            while stack and stack[-1][0] >= block.depth:
                stack.pop()
            text = block.text
            cue = read_cue(text)
            label = block.label or container[1]  # a table row's column header ("Activiteit") names it
            number = block.number if block.marker and block.marker[0].isalnum() else None
            if cue is not None and not cue.whole and cue.cue.kind != "verbal":
                text, label, number = cue.rest, cue.printed, cue.number or number
            if stack:
                parent, rank = stack[-1][1], min(3, stack[-1][1].rank + 1)
            else:
                rank = container[0]
                parent = _numbered_parent(number, scope) or _set_parent(rank, scope, last_goal)
            title, description = _statement(text)
            goal = tree.add(title, rank, block, parent, scope, label=label, number=number, description=description)
            if goal is not None and label is None:
                goal.set_word = scope.set_word
            if goal is not None:
                stack.append((block.depth, goal))
    flush_pseudo()


_NOT_A_PROGRAMME = re.compile(r"^(programma'?s|inhoud|inleiding|toelichting|terug naar .*)$|\b(19|20)\d\d\b|"
                              r"\b(begroting|jaarstukken|jaarverslag|jaarrekening|kadernota)\b", re.IGNORECASE)


def _bbv_context(section: Section, tree: _Tree) -> Optional[_Goal]:
    """The programme (and deelprogramma) named by the bare headings just above a BBV question."""
    order = tree.sections_in_order
    index = order.index(section) if section in order else -1
    chain: list[Section] = []
    while index > 0 and len(chain) < 2:
        index -= 1
        previous = order[index]
        if previous.blocks or _NOT_A_PROGRAMME.search(previous.title) or read_cue(previous.title) is not None:
            break  # only bare headings right above the question name its programme
        chain.append(previous)
    if not chain:
        title = _page_title(tree)
        chain = [title] if title is not None and title is not section else []
    parent: Optional[_Goal] = None
    for depth, found in enumerate(reversed(chain)):
        heading = found.heading
        assert heading is not None
        node = tree.sections.get(id(found))
        if node is None:
            node = _Goal(node_id="", title=_title(heading.text), rank=-depth - 1 if depth else 0,
                         block=heading, code=heading.number, parent=parent)
            tree.sections[id(found)] = node
            tree.goals.append(node)
            if parent is not None:
                parent.children += 1
        parent = node
    return parent


# An action label inside a list item's text ("… weet u wat u wilt? Actie: we hebben subsidie …").
_ACTION_INSIDE = re.compile(r"\s(?:Actie|Acties|Activiteit|Activiteiten)\s?:\s")
_FINISHED = re.compile(r"[.!?]\s*$")


def _action_item_runs(blocks: list[Block]) -> set[int]:
    """Items of a list (a run of items with one marker) in which some item carries an action label."""
    found: set[int] = set()
    run: list[Block] = []

    def close() -> None:
        if any(_ACTION_INSIDE.search(item.text) for item in run):
            found.update(id(item) for item in run)
        run.clear()

    for block in blocks:
        if block.kind != "item" or (run and block.marker != run[-1].marker):
            close()
        if block.kind == "item":
            run.append(block)
    close()
    return found


def _page_title(tree: _Tree) -> Optional[Section]:
    """Text input: the heading a web page of an online begroting opens with names its programme.

    Only the page's first heading counts (after a bare 'Begroting 2019'), and only when nothing
    stands before it; a PDF's first heading is the document's title, not a programme.
    """
    for found in tree.sections_in_order:
        heading = found.heading
        if heading is None or heading.lines[0].line_no is None or (found.parent is not None and found.parent.blocks):
            return None
        if read_cue(found.title) is not None or heading.number:
            return None
        if _NOT_A_PROGRAMME.search(found.title):
            if found.blocks:
                return None
            continue
        return found if len(found.title) <= 80 and not found.title.endswith((".", ":", "?")) else None
    return None


# "De ambitie is beschreven in het coalitieakkoord, zie daar": a paragraph that points to goals stated elsewhere.
_POINTS_ELSEWHERE = re.compile(r"\b(zie\s+(daar|ook|hoofdstuk|paragraaf|bijlage)|(staat|staan|is|zijn)\s+(beschreven|opgenomen|"
                               r"uitgewerkt|vastgelegd)\s+in|niet\s+herhaald)\b", re.IGNORECASE)
_REFERENCE = re.compile(r"\d{1,2}(?:\s*(?:t/m|tot en met|en|,|&|-|–)\s*\d{1,2})+")


def _range_code(number: str) -> str:
    """'1 t/m 4' -> '1-4', '1 en 3' -> '1,3': a code usable in an id."""
    return re.sub(r"\s*(?:t/m|tot en met|-|–)\s*", "-", re.sub(r"\s*(?:en|,|&)\s*", ",", number.strip()))


def _referenced_parent(number: str, tree: _Tree) -> Optional[_Goal]:
    """The goal above the goals a range names: 'Doelstelling 1 t/m 4' of the set listed last.

    The set is the siblings of the last goal read; its members are found by printed code or,
    unnumbered, by position. One named goal is the parent itself.
    """
    last = tree.last_goal
    if last is None or not re.fullmatch(r"\d{1,2}(?:\s*(?:t/m|tot en met|en|,|&|-|–)\s*\d{1,2})*", number.strip()):
        return None
    siblings = [g for g in tree.goals if g.parent is last.parent and 0 < g.rank < 3]
    wanted: list[_Goal] = []
    for part in re.split(r"\s*(?:en|,|&)\s*", number.strip()):
        bounds = [int(x) for x in re.findall(r"\d{1,2}", part)]
        for value in range(bounds[0], bounds[-1] + 1):
            match = next((g for g in siblings if (g.code or "").rstrip(".") == str(value)), None)
            if match is None and all(g.code is None for g in siblings) and 0 < value <= len(siblings):
                match = siblings[value - 1]
            if match is None:
                return None
            wanted.append(match)
    return wanted[0] if len(wanted) == 1 else last.parent


def _singular_cue_heading(heading: Optional[Block]) -> Optional[CueMatch]:
    """The cue of a heading that names one goal and nothing else ("Doel", "Maatschappelijk effect")."""
    if heading is None:
        return None
    cue = read_cue(heading.text)
    if cue is None or not cue.whole or cue.cue.plural or cue.number or cue.cue.kind != "goal" or cue.cue.phrase.startswith("wat "):
        return None
    return cue


def _goal_labels(blocks: list[Block]) -> int:
    count = 0
    for block in blocks:
        cue = read_cue(block.label) if block.kind == "label" and block.label else None
        count += cue is not None and cue.cue.kind == "goal"
    return count


def _drop_empty_context(tree: _Tree) -> None:
    """A programme or chapter named above a BBV question with no goal under it is no node."""
    while True:
        parents = {id(g.parent) for g in tree.goals if g.parent is not None}
        kept = [g for g in tree.goals if g.rank > 0 or id(g) in parents or g.block.section is None
                or id(g.block.section) not in tree.sections]
        if len(kept) == len(tree.goals):
            return
        tree.goals = kept


def _has_prestaties(tree: _Tree) -> bool:
    """A goal with the prestaties listed under it is a goal tree, even when it is the only goal."""
    return any(g.rank >= 3 and g.parent is not None and 0 < g.parent.rank < 3 for g in tree.goals)


def _set_parent(rank: int, scope: _Scope, last_goal: Optional[_Goal]) -> Optional[_Goal]:
    """Prestaties hang under the goal they follow; goals under the goal the section stands under."""
    if rank >= 3 and last_goal is not None:
        return last_goal
    parent = scope.parent
    while parent is not None and parent.rank >= rank and parent.rank > 0:
        parent = parent.parent
    return parent


def _numbered_parent(number: Optional[str], scope: _Scope) -> Optional[_Goal]:
    """'1.2' belongs to goal '1' of the same scope (the BBV's numbered resultaten)."""
    if not number or "." not in number.rstrip("."):
        return None
    parts = number.rstrip(".").split(".")
    for cut in range(len(parts) - 1, 0, -1):
        goal = scope.numbers.get(".".join(parts[:cut]))
        if goal is not None:
            return goal
    return None


def _statement(text: str) -> tuple[str, Optional[str]]:
    """A goal's statement (its first sentence, or what stands before a colon that opens sentences of
    explanation) and the explanation that follows it."""
    text = clean_title(text)
    match = _SENTENCE_END.search(text, 20)
    colon = _EXPLAINED.search(text, 20)
    if colon and (match is None or colon.start() < match.start()) and len(text) - colon.end() > 40:
        return text[:colon.start()].strip(), text[colon.end():].strip()
    if match and match.end() <= MAX_TITLE + 60:
        return text[:match.end()].strip(), text[match.end():].strip() or None
    return text, None


def _node(goal: _Goal) -> GoalNode:
    lines = goal.block.lines
    first = lines[0]
    rank = goal.rank
    if rank == 1 and (goal.children == 0 or (goal.label or "").lower().startswith("wat ")):
        rank = 2  # a broad aim without sub-goals, or the BBV statement of what a programme wants, is a doel
    level = "programma" if rank in (0, -1) else "beleidsterrein" if rank < 0 else RANK_LEVEL[rank]
    return GoalNode(
        id=goal.node_id,
        code=goal.code,
        title=goal.title,
        level=level,  # type: ignore[arg-type]
        label=goal.label,
        parent=goal.parent.node_id if goal.parent is not None else None,
        page=first.page_number,
        bbox=goal.block.bbox,
        lines=line_span(lines),
        description=goal.description,
    )
