"""Pictures of game trees: matplotlib (:func:`plot_tree`), Graphviz DOT (:func:`to_dot`) and
TikZ (:func:`to_latex`), all from one tidy layout (:mod:`.tree_layout`).

Every picture shows decision nodes coloured by player, chance nodes, action labels, chance
probabilities, the payoff vector at each terminal node (payoffs summed along the path, exact
numbers written exactly, e.g. ``2/3``) and information sets as dashed links.  Given an
equilibrium (an :class:`~hegemony_games.Equilibrium` of the tree, a one-element
:class:`~hegemony_games.Solution`, or a behaviour profile), the actions it plays with
probability one are drawn thick and mixed probabilities are written on their edges.

>>> import hegemony_games as hg
>>> entry = hg.ExtensiveFormGame(hg.decision("Entrant", {
...     "Out": hg.terminal([0, 2]),
...     "In": hg.decision("Incumbent", {"Fight": hg.terminal([-1, -1]),
...                                      "Accommodate": hg.terminal([1, 1])})}))
>>> dot = to_dot(entry, hg.spe(entry)[0])
>>> dot.count("->"), dot.count("penwidth=3")
(4, 2)
>>> "(-1, -1)" in to_latex(entry)
True
"""
from __future__ import annotations

from fractions import Fraction
from typing import Any, NamedTuple

import sympy

from ..errors import GameError
from ..numbers import format_number
from .tree_layout import tree_layout

__all__ = ["plot_tree", "to_dot", "to_latex", "tree_layout"]

# colour-blind-safe palette (Okabe & Ito 2008), one colour per player, cycled
PLAYER_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442")
CHANCE_COLOUR = "#FFFFFF"
EDGE_COLOUR = "#444444"
EQUILIBRIUM_COLOUR = "#C0392B"
INFOSET_COLOUR = "#555555"


# ---------------------------------------------------------------------------- shared helpers
def player_colour(k: int) -> str:
    return PLAYER_COLOURS[k % len(PLAYER_COLOURS)]


def _ink_on(colour: str) -> str:
    """Black or white, whichever reads better on the background ``#RRGGBB`` (ITU-R BT.601 luma)."""
    r, g, b = (int(colour[k:k + 2], 16) for k in (1, 3, 5))
    return "black" if 0.299 * r + 0.587 * g + 0.114 * b > 150 else "white"


def number_text(value: Any) -> str:
    """A payoff or probability as text: ``2/3`` for exact, ``0.666667`` for floats.

    >>> number_text(Fraction(2, 3)), number_text(0.5), number_text(sympy.Symbol("rho") / 2)
    ('2/3', '0.5', 'rho/2')
    """
    if isinstance(value, sympy.Rational):
        value = Fraction(int(value.p), int(value.q))
    if isinstance(value, int) and not isinstance(value, bool):
        value = Fraction(value)
    return format_number(value)


def payoff_text(tree: Any, node: Any, number=number_text) -> str:
    """The payoff vector of a terminal node (summed along its path), e.g. ``(2/3, 1)``."""
    return "(" + ", ".join(number(v) for v in tree.outcome_sum(node)) + ")"


def _is_one(p: Any) -> bool:
    try:
        return float(p) >= 1 - 1e-12
    except TypeError:                       # symbolic: one only if it simplifies to one
        return sympy.simplify(p - 1) == 0


def _is_zero(p: Any) -> bool:
    try:
        return abs(float(p)) <= 1e-12
    except TypeError:
        return sympy.simplify(p) == 0


def edge_probabilities(tree: Any, equilibrium: Any) -> list[tuple | None]:
    """Per node (``tree.nodes`` order) the equilibrium's action probabilities at decision
    nodes, ``None`` elsewhere; ``None`` for every node when ``equilibrium`` is ``None``."""
    if equilibrium is None:
        return [None] * len(tree.nodes)
    if hasattr(equilibrium, "equilibria"):          # a Solution
        if len(equilibrium) != 1:
            raise GameError(f"the solution has {len(equilibrium)} equilibria: pass one of them, "
                            "e.g. solution[0]")
        equilibrium = equilibrium[0]
    profile = getattr(equilibrium, "strategies", equilibrium)
    try:
        ok = len(profile) == len(tree.infosets) and all(
            len(profile[i]) == len(sets) and all(len(profile[i][k]) == len(s.actions)
                                                 for k, s in enumerate(sets))
            for i, sets in enumerate(tree.infosets))
    except TypeError:
        ok = False
    if not ok:
        raise GameError("the equilibrium does not fit this tree: it needs, per player, one "
                        "probability vector per information set, one entry per action")
    result: list[tuple | None] = []
    for node in tree.nodes:
        if node.kind == "decision":
            i, k = tree.infoset_of(node)
            result.append(tuple(profile[i][k]))
        else:
            result.append(None)
    return result


class Edge(NamedTuple):
    """One edge: node indices, the action, the probability to write (or ``None``) and
    whether the equilibrium plays it with probability one."""

    parent: int
    child: int
    action: str
    probability: Any
    thick: bool
    by_chance: bool


def _edges(tree: Any, probabilities: list) -> list[Edge]:
    """Every edge, in prefix order of the children."""
    index = {id(n): k for k, n in enumerate(tree.nodes)}
    edges = []
    for k, node in enumerate(tree.nodes):
        for a, (action, child) in enumerate(zip(node.actions, node.children)):
            value, thick = None, False
            if node.kind == "chance":
                value = node.probabilities[a]
            elif probabilities[k] is not None:
                p = probabilities[k][a]
                thick = _is_one(p)
                if not thick and not _is_zero(p):
                    value = p
            edges.append(Edge(k, index[id(child)], action, value, thick, node.kind == "chance"))
    return edges


def _infoset_links(tree: Any) -> list[tuple[list[int], str]]:
    """Information sets with two or more nodes: their node indices (in order) and label."""
    index = {id(n): k for k, n in enumerate(tree.nodes)}
    sets = [s for player_sets in tree.infosets for s in player_sets] + list(tree.chance_infosets)
    return [([index[id(n)] for n in s.nodes], s.label) for s in sets if len(s.nodes) > 1]


def _node_text(tree: Any, node: Any) -> str:
    """The text beside a non-terminal node: its player (or "chance") and its label."""
    name = node.player if node.kind == "decision" else "chance"
    return f"{name}: {node.label}" if node.label else name


def _player_index(tree: Any, node: Any) -> int:
    return tree.players.index(node.player)


# ---------------------------------------------------------------------------- matplotlib
def plot_tree(tree: Any, equilibrium: Any = None, ax: Any = None, *, direction: str = "down",
              title: str | None = None, legend: bool = True, fontsize: float | None = None):
    """Draw ``tree`` with matplotlib and return the ``Axes``.

    ``equilibrium``: an equilibrium of the tree (see the module docstring) to highlight.
    ``ax``: an ``Axes`` to draw into (default: a new figure sized to the tree).
    ``direction``: ``"down"`` (root on top) or ``"right"`` (root on the left).
    ``fontsize``: default chosen from the space a leaf gets; large trees get small, rotated
    payoff labels.  Nothing is shown: save with ``ax.figure.savefig(...)``.

    Artists carry ids for programs that inspect the picture: node markers have gid
    ``"nodes"`` (one marker per node, in prefix order within each group), tree edges
    ``"edges"``, highlighted edges ``"equilibrium-edges"``, information-set links ``"infosets"``.

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import hegemony_games as hg
    >>> tree = hg.ExtensiveFormGame(hg.decision("A", {"L": hg.terminal([1, 0]),
    ...                                               "R": hg.terminal(["2/3", 1])}), players=["A", "B"])
    >>> ax = plot_tree(tree)
    >>> sorted(t.get_text() for t in ax.texts)
    ['(1, 0)', '(2/3, 1)', 'A', 'L', 'R']
    """
    import matplotlib.pyplot as plt
    from matplotlib.collections import LineCollection
    from matplotlib.lines import Line2D

    layout = tree_layout(tree, direction)
    pos = layout.positions
    down = direction == "down"
    heading = tree.title if title is None else title
    if ax is None:
        if down:
            size = (min(max(4.0, 1.25 * layout.slots + 1.0), 48.0),
                    min(max(3.0, 1.3 * layout.depth + 1.6), 30.0))
        else:
            size = (min(max(4.0, 2.0 * layout.depth + 2.5), 30.0),
                    min(max(3.0, 0.5 * layout.slots + 1.0), 60.0))
        # a fixed frame with room for the legend on the right: faster than a layout engine,
        # which would measure every text again
        left, right, bottom, top = 0.1, 0.1 + (2.2 if legend else 0.0), 0.1, 0.45 if heading else 0.1
        fig_w, fig_h = size[0] + right - 0.1, size[1]
        figure = plt.figure(figsize=(fig_w, fig_h))
        ax = figure.add_axes((left / fig_w, bottom / fig_h, 1 - (left + right) / fig_w,
                              1 - (bottom + top) / fig_h))
    # the room a leaf gets (in inches) decides the font size and whether payoffs are rotated
    fig_w, fig_h = ax.figure.get_size_inches()
    box = ax.get_position()
    width, height = fig_w * box.width, fig_h * box.height
    span = (width if down else height) / max(layout.slots, 1)
    payoffs = {k: payoff_text(tree, n) + (f"\n{n.label}" if n.label else "")
               for k, n in enumerate(tree.nodes) if n.kind == "terminal"}
    widest = max(_text_inches(t, 1.0) for t in payoffs.values())     # inches per point of font size
    lines = max(t.count("\n") + 1 for t in payoffs.values())
    if fontsize is None:   # 9 pt when payoffs fit side by side, else as large as fits across a leaf
        fits = down and span >= 1.1 * widest * 9
        fontsize = 9.0 if fits else max(3.0, min(9.0, span * 72 / (1.9 * lines)))
    rotate = down and span < 1.1 * widest * fontsize
    marker = 90 * min(1.0, fontsize / 9) ** 2
    small = fontsize * 0.9
    probabilities = edge_probabilities(tree, equilibrium)
    edges = _edges(tree, probabilities)

    plain = [(pos[e.parent], pos[e.child]) for e in edges if not e.thick]
    bold = [(pos[e.parent], pos[e.child]) for e in edges if e.thick]
    ax.add_collection(LineCollection(plain, colors=EDGE_COLOUR, linewidths=1.1, zorder=1, gid="edges"))
    if bold:
        ax.add_collection(LineCollection(bold, colors=EQUILIBRIUM_COLOUR, linewidths=3.2, zorder=1.5,
                                         gid="equilibrium-edges"))
    links = _infoset_links(tree)
    if links:
        # an arc bowed towards the root, so that it does not run through nodes in between
        arcs = [_arc(pos[a], pos[b], down) for members, _ in links for a, b in zip(members, members[1:])]
        ax.add_collection(LineCollection(arcs, colors=INFOSET_COLOUR, linewidths=1.3,
                                         linestyles=(0, (4, 3)), zorder=0.5, gid="infosets"))
        for members, label in links:
            if label:
                peak = _arc(pos[members[0]], pos[members[-1]], down)[len(_ARC_T) // 2]
                ax.annotate(label, peak, xytext=(0, 2) if down else (-2, 0), textcoords="offset points",
                            ha="center" if down else "right", va="bottom" if down else "center",
                            fontsize=small, fontstyle="italic", color=INFOSET_COLOUR)

    # edge labels beside the middle of their edge, on the side away from the siblings
    for e in edges:
        (x0, y0), (x1, y1) = pos[e.parent], pos[e.child]
        label = e.action if e.probability is None else f"{e.action}\n{number_text(e.probability)}"
        colour = EQUILIBRIUM_COLOUR if e.probability is not None and not e.by_chance else "black"
        if down:   # above the edge, on the outer side: away from the sibling edges
            side = -1 if x1 < x0 else 1 if x1 > x0 else 0
            place = dict(xytext=(3 * side or 4, 2 if side else 0), ha="right" if side < 0 else "left",
                         va="bottom" if side else "center")
        else:
            side = 1 if y1 >= y0 else -1
            place = dict(xytext=(-2, 2 * side), ha="right", va="bottom" if side > 0 else "top")
        ax.annotate(label, ((x0 + x1) / 2, (y0 + y1) / 2), textcoords="offset points", fontsize=small,
                    color=colour, zorder=3, linespacing=1.0, multialignment="center", **place)

    handles = []
    for i, player in enumerate(tree.players):
        members = [k for k, n in enumerate(tree.nodes) if n.kind == "decision" and n.player == player]
        if members:
            ax.scatter([pos[k][0] for k in members], [pos[k][1] for k in members], s=marker,
                       c=player_colour(i), edgecolors="black", linewidths=0.8, zorder=4, gid="nodes")
            handles.append(Line2D([], [], marker="o", linestyle="none", markersize=8,
                                  markerfacecolor=player_colour(i), markeredgecolor="black", label=player))
    chance_nodes = [k for k, n in enumerate(tree.nodes) if n.kind == "chance"]
    if chance_nodes:
        ax.scatter([pos[k][0] for k in chance_nodes], [pos[k][1] for k in chance_nodes], s=marker,
                   marker="D", c=CHANCE_COLOUR, edgecolors="black", linewidths=0.9, zorder=4, gid="nodes")
        handles.append(Line2D([], [], marker="D", linestyle="none", markersize=7,
                              markerfacecolor=CHANCE_COLOUR, markeredgecolor="black", label="chance"))
    leaves = [k for k, n in enumerate(tree.nodes) if n.kind == "terminal"]
    ax.scatter([pos[k][0] for k in leaves], [pos[k][1] for k in leaves], s=marker / 5, marker="s",
               c="black", zorder=4, gid="nodes")

    line = fontsize * 1.25 / 72               # inches per line of text
    longest = widest * fontsize
    for k, node in enumerate(tree.nodes):
        x, y = pos[k]
        if node.kind == "terminal":
            if down:
                ax.annotate(payoffs[k], (x, y), xytext=(0, -7), textcoords="offset points", ha="center",
                            va="top", fontsize=fontsize, rotation=90 if rotate else 0, zorder=3)
            else:
                ax.annotate(payoffs[k], (x, y), xytext=(7, 0), textcoords="offset points", ha="left",
                            va="center", fontsize=fontsize, zorder=3)
        else:
            ax.annotate(_node_text(tree, node), (x, y), xytext=(0, 8) if down else (-6, 8),
                        textcoords="offset points", ha="center" if down else "right", va="bottom",
                        fontsize=fontsize, fontweight="bold", zorder=3)

    if links:
        handles.append(Line2D([], [], color=INFOSET_COLOUR, linestyle=(0, (4, 3)), label="information set"))
    if any(e.thick for e in edges):
        handles.append(Line2D([], [], color=EQUILIBRIUM_COLOUR, linewidth=3, label="equilibrium action"))
    handles.append(Line2D([], [], linestyle="none", label="payoffs: (" + ", ".join(tree.players) + ")"))
    if legend:
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=max(fontsize, 7),
                  frameon=False, handlelength=1.8)
    # margins (in data units) wide enough for the text around the outermost nodes
    xs, ys = [p[0] for p in pos], [p[1] for p in pos]
    name = max((_text_inches(_node_text(tree, n), fontsize) for n in tree.nodes if n.children), default=0.0)
    label_height = 8 / 72 + line
    if down:
        leaf_text = longest if rotate else line * lines
        side = max(0.15, name / 2, 0.0 if rotate else longest / 2)
        ax.set_xlim(*_limits(min(xs), max(xs), side, side, width))
        ax.set_ylim(*_limits(min(ys), max(ys), leaf_text + 0.15, label_height + 0.05, height))
    else:
        ax.set_xlim(*_limits(min(xs), max(xs), name + 0.15, longest + 0.2, width))
        ax.set_ylim(*_limits(min(ys), max(ys), line, label_height, height))
    ax.set_axis_off()
    if heading:
        ax.set_title(heading)
    return ax


_ARC_T = [j / 24 for j in range(25)]


def _arc(p0: tuple, p1: tuple, down: bool, bow: float = 0.22) -> list[tuple[float, float]]:
    """Points of a quadratic Bezier arc from ``p0`` to ``p1`` whose middle lies ``bow`` levels
    towards the root (up when the tree grows down, left when it grows right)."""
    (x0, y0), (x1, y1) = p0, p1
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    cx, cy = (cx, cy + 2 * bow) if down else (cx - 2 * bow, cy)
    return [((1 - t) ** 2 * x0 + 2 * t * (1 - t) * cx + t * t * x1,
             (1 - t) ** 2 * y0 + 2 * t * (1 - t) * cy + t * t * y1) for t in _ARC_T]


def _limits(low: float, high: float, need_low: float, need_high: float, inches: float) -> tuple:
    """Axis limits around ``[low, high]`` leaving ``need_low``/``need_high`` inches of room on an
    axis ``inches`` long: the data span ``S`` solves ``(high - low) + (need_low + need_high) S / inches = S``."""
    core = max(high - low, 1.0)
    free = max(1 - (need_low + need_high) / max(inches, 1e-9), 0.25)
    total = core / free
    return low - need_low * total / inches, low + core + need_high * total / inches


def _text_inches(text: str, fontsize: float) -> float:
    """Rough width of one line of text (an average glyph is about 0.6 em wide)."""
    return max(len(line) for line in text.split("\n")) * 0.6 * fontsize / 72


# ---------------------------------------------------------------------------- Graphviz DOT
def dot_quote(text: str) -> str:
    r"""A DOT double-quoted string; backslashes, quotes and newlines are escaped.

    >>> print(dot_quote('say "hi"\\now'))
    "say \"hi\"\\now"
    """
    escaped = str(text).replace("\\", "\\\\").replace('"', '\\"').replace("\r", "")
    return '"' + escaped.replace("\n", "\\n") + '"'


def to_dot(tree: Any, equilibrium: Any = None, *, direction: str = "down") -> str:
    """The tree as a Graphviz DOT document (``dot -Tpdf tree.dot -o tree.pdf`` renders it).

    Nodes are ``n0, n1, ...`` in prefix order; information sets are dashed undirected edges
    (``constraint=false``) inside ``rank=same`` groups; equilibrium actions have ``penwidth=3``.
    """
    layout = tree_layout(tree, direction)  # validates direction; DOT lays out by itself
    probabilities = edge_probabilities(tree, equilibrium)
    q = dot_quote
    lines = [f"digraph {q(tree.title or 'game tree')} {{",
             f'  graph [rankdir={"TB" if layout.direction == "down" else "LR"}, ordering=out, '
             f'nodesep=0.3, ranksep=0.6, fontname="Helvetica"];',
             '  node [fontname="Helvetica", fontsize=11];',
             '  edge [fontname="Helvetica", fontsize=10, arrowsize=0.6];']
    if tree.title:
        lines.insert(2, f"  label={q(tree.title)}; labelloc=t;")
    for k, node in enumerate(tree.nodes):
        if node.kind == "decision":
            colour = player_colour(_player_index(tree, node))
            attrs = (f"shape=ellipse, style=filled, fillcolor={q(colour)}, fontcolor={q(_ink_on(colour))}, "
                     f"label={q(_node_text(tree, node))}")
        elif node.kind == "chance":
            attrs = f"shape=diamond, style=filled, fillcolor={q(CHANCE_COLOUR)}, label={q(_node_text(tree, node))}"
        else:
            text = payoff_text(tree, node) + (f"\n{node.label}" if node.label else "")
            attrs = f"shape=box, style=rounded, label={q(text)}"
        lines.append(f"  n{k} [{attrs}];")
    for e in _edges(tree, probabilities):
        label = e.action if e.probability is None else f"{e.action}\n{number_text(e.probability)}"
        extra = f", penwidth=3, color={q(EQUILIBRIUM_COLOUR)}" if e.thick else ""
        if e.probability is not None and not e.by_chance:
            extra += f", fontcolor={q(EQUILIBRIUM_COLOUR)}"
        lines.append(f"  n{e.parent} -> n{e.child} [label={q(label)}{extra}];")
    for members, label in _infoset_links(tree):
        lines.append("  { rank=same; " + " ".join(f"n{m};" for m in members) + " }")
        for a, b in zip(members, members[1:]):
            tag = f", label={q(label)}" if label else ""
            lines.append(f"  n{a} -> n{b} [style=dashed, dir=none, constraint=false{tag}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------- LaTeX / TikZ
_LATEX_SPECIALS = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#",
                   "_": r"\_", "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}",
                   "^": r"\textasciicircum{}", "<": r"\textless{}", ">": r"\textgreater{}",
                   "|": r"\textbar{}"}


def latex_escape(text: str) -> str:
    r"""Text safe for LaTeX's text mode.

    >>> print(latex_escape("50% & $x_1$"))
    50\% \& \$x\_1\$
    """
    return "".join(_LATEX_SPECIALS.get(ch, ch) for ch in str(text)).replace("\n", r"\\")


def _latex_number(value: Any) -> str:
    """A number in math mode: exact ``2/3`` stays ``2/3``; symbolic via ``sympy.latex``."""
    if isinstance(value, sympy.Basic) and not isinstance(value, (sympy.Rational, sympy.Float)):
        return sympy.latex(value)
    return number_text(value)


def to_latex(tree: Any, equilibrium: Any = None, *, direction: str = "down", standalone: bool = True,
             leaf_cm: float | None = None, level_cm: float | None = None) -> str:
    r"""The tree as a TikZ picture with explicit coordinates from :func:`tree_layout`.

    ``standalone=True`` returns a whole document (``\documentclass[tikz]{standalone}``) that
    ``pdflatex`` compiles as it is; ``False`` returns only the ``tikzpicture`` to ``\input``
    into a paper (which must load TikZ and ``\usetikzlibrary{shapes.geometric}``).
    ``leaf_cm``/``level_cm``: the distance between neighbouring leaves and between levels
    (default 1.9 and 2 cm top-down, 0.9 and 2.6 cm left to right).
    """
    layout = tree_layout(tree, direction)
    probabilities = edge_probabilities(tree, equilibrium)
    down = layout.direction == "down"
    colours = [f"\\definecolor{{player{i}}}{{HTML}}{{{player_colour(i)[1:]}}}"
               for i in range(len(tree.players))]
    colours.append(f"\\definecolor{{equilibrium}}{{HTML}}{{{EQUILIBRIUM_COLOUR[1:]}}}")
    leaf_cm = leaf_cm or (1.9 if down else 0.9)
    level_cm = level_cm or (2.0 if down else 2.6)
    x_cm, y_cm = (leaf_cm, level_cm) if down else (level_cm, leaf_cm)
    body = [f"\\begin{{tikzpicture}}[x={x_cm:g}cm, y={y_cm:g}cm, font=\\footnotesize,",
            "    decision/.style={circle, draw, inner sep=0pt, minimum size=2.6mm},",
            "    chance/.style={diamond, draw, fill=white, inner sep=0pt, minimum size=3.2mm},",
            "    leaf/.style={rectangle, fill=black, inner sep=0pt, minimum size=1.4mm},",
            "    action/.style={inner sep=1.5pt, midway, align=center},",
            "    eq/.style={line width=1.6pt, draw=equilibrium},",
            "    infoset/.style={dashed, thick, draw=black!65}]"]
    body += ["  " + c for c in colours]
    pos = layout.positions
    for k, node in enumerate(tree.nodes):
        x, y = pos[k]
        at = f"({x:g},{y:g})"
        if node.kind == "decision":
            i = _player_index(tree, node)
            where = "above" if down else "above left"
            body.append(f"  \\node[decision, fill=player{i}, label={{[font=\\footnotesize\\bfseries]{where}:"
                        f"{{{latex_escape(_node_text(tree, node))}}}}}] (n{k}) at {at} {{}};")
        elif node.kind == "chance":
            where = "above" if down else "above left"
            body.append(f"  \\node[chance, label={{{where}:{{{latex_escape(_node_text(tree, node))}}}}}]"
                        f" (n{k}) at {at} {{}};")
        else:
            payoff = "$(" + ", ".join(_latex_number(v) for v in tree.outcome_sum(node)) + ")$"
            if node.label:
                payoff += r"\\" + latex_escape(node.label)
            where = "below" if down else "right"
            body.append(f"  \\node[leaf, label={{[align=center]{where}:{{{payoff}}}}}] (n{k}) at {at} {{}};")
    for e in _edges(tree, probabilities):
        label = latex_escape(e.action)
        if e.probability is not None:
            colour = "" if e.by_chance else r"\color{equilibrium}"
            label += f"\\\\{colour}${_latex_number(e.probability)}$"
        style = "[eq]" if e.thick else ""
        (x0, y0), (x1, y1) = pos[e.parent], pos[e.child]
        side = ("above left" if x1 < x0 else "above right" if x1 > x0 else "right") if down \
            else ("above left" if y1 > y0 else "below left" if y1 < y0 else "above")
        body.append(f"  \\draw{style} (n{e.parent}) -- node[action, {side}] {{{label}}} (n{e.child});")
    for members, label in _infoset_links(tree):
        for a, b in zip(members, members[1:]):
            tag = f" node[midway, {'above' if down else 'left'}, inner sep=1pt, font=\\footnotesize\\itshape] {{{latex_escape(label)}}}" if label else ""
            bend = "bend left=12" if down else "bend right=12"
            body.append(f"  \\draw[infoset] (n{a}) to[{bend}]{tag} (n{b});")
    body.append("\\end{tikzpicture}")
    picture = "\n".join(body) + "\n"
    if not standalone:
        return picture
    title = f"% {tree.title}\n" if tree.title else ""
    return (f"{title}\\documentclass[tikz, border=6pt]{{standalone}}\n"
            f"\\usetikzlibrary{{shapes.geometric}}\n"
            f"\\begin{{document}}\n{picture}\\end{{document}}\n")
