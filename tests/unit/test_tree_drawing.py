"""Tree pictures: the tidy layout, the matplotlib plot, Graphviz DOT and TikZ export.

Expected positions, texts and highlighted edges are worked out by hand from the trees below.
"""
import io
import random
import re
import shutil
import subprocess
from fractions import Fraction

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402
import sympy  # noqa: E402
from matplotlib.collections import LineCollection, PathCollection  # noqa: E402

import hegemony_games as hg  # noqa: E402
from hegemony_games import chance, decision, terminal  # noqa: E402
from hegemony_games.analysis.tree_drawing import plot_tree, to_dot, to_latex  # noqa: E402
from hegemony_games.analysis.tree_layout import tree_layout  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def entry_deterrence():
    # prefix order: n0 Entrant, n1 Out, n2 Incumbent, n3 Fight, n4 Accommodate
    return hg.ExtensiveFormGame(decision("Entrant", {
        "Out": terminal([0, 2]),
        "In": decision("Incumbent", {"Fight": terminal([-1, -1]), "Accommodate": terminal([1, 1])})}),
        title="Entry deterrence")


def bluffing():
    """Chance, then the bluffer raises or checks; the caller sees only the raise (infoset "h").

    prefix order: n0 chance, n1 Bluffer, n2 Caller, n3, n4, n5 (Check), n6 Bluffer, n7 Caller,
    n8, n9, n10 (Check).  The Bluffer node after High carries the outcome (1/3, 0), which adds
    to every leaf below it: (4/3, -1), (7/3, -2) and, with (1/3, -2/3) at the leaf, (2/3, -2/3)."""
    def caller(call):
        return decision("Caller", {"Fold": terminal([1, -1]), "Call": terminal(call)}, infoset="h")
    return hg.ExtensiveFormGame(chance({
        "High": ("1/3", decision("Bluffer", {"Raise": caller([2, -2]),
                                             "Check": terminal(["1/3", "-2/3"])}, payoffs=["1/3", 0])),
        "Low": ("2/3", decision("Bluffer", {"Raise": caller([-2, 2]), "Check": terminal([0, 0])}))}))


def random_tree(seed, max_depth=4):
    rng = random.Random(seed)

    def build(depth):
        if depth == max_depth or (depth > 0 and rng.random() < 0.3):
            return terminal([rng.randint(-3, 3), rng.randint(-3, 3)])
        actions = [f"a{k}" for k in range(rng.randint(1, 3))]
        return decision(rng.choice(["P", "Q"]), {a: build(depth + 1) for a in actions})
    return hg.ExtensiveFormGame(build(0), players=["P", "Q"])


def complete_tree(depth, branching):
    names = ["Left", "Mid", "Right"][:branching]

    def build(d):
        if d == depth:
            return terminal([d, -d])
        return decision(["P", "Q"][d % 2], {a: build(d + 1) for a in names})
    return hg.ExtensiveFormGame(build(0), players=["P", "Q"])


def depth_of(tree, node):
    return len(tree.path_to(node))


# ------------------------------------------------------------------------------------- layout
def test_layout_of_entry_deterrence_by_hand():
    # leaves Out, Fight, Accommodate in slots 0, 1, 2; Incumbent midway over 1 and 2 = 1.5;
    # the root midway over Out (0) and Incumbent (1.5) = 0.75
    layout = tree_layout(entry_deterrence())
    assert layout.positions == ((0.75, 0), (0, -1), (1.5, -1), (1, -2), (2, -2))
    right = tree_layout(entry_deterrence(), direction="right")
    assert right.positions == ((0, -0.75), (1, 0), (1, -1.5), (2, -1), (2, -2))
    assert (layout.slots, layout.depth) == (3, 2)


@pytest.mark.parametrize("tree", [entry_deterrence(), bluffing()] + [random_tree(s) for s in range(8)],
                         ids=lambda t: t.title or repr(t.num_nodes))
def test_layout_properties(tree):
    layout = tree_layout(tree, leaf_gap=1.5, level_gap=2.0)
    pos = layout.positions
    index = {id(n): k for k, n in enumerate(tree.nodes)}
    for k, node in enumerate(tree.nodes):
        assert pos[k][1] == -2.0 * depth_of(tree, node)
        if node.children:
            first, last = pos[index[id(node.children[0])]], pos[index[id(node.children[-1])]]
            assert pos[k][0] == pytest.approx((first[0] + last[0]) / 2)
            xs = [pos[index[id(c)]][0] for c in node.children]
            assert xs == sorted(xs) and len(set(xs)) == len(xs)
    leaves = [pos[index[id(n)]][0] for n in tree.leaves()]
    assert leaves == [1.5 * j for j in range(len(leaves))]          # prefix order, evenly spaced
    assert len(set(pos)) == len(pos)                                 # no two nodes in one place
    right = tree_layout(tree, direction="right", leaf_gap=1.5, level_gap=2.0).positions
    assert right == tuple((-y, -x) for x, y in pos)


def test_layout_rejects_bad_arguments():
    with pytest.raises(hg.GameError, match="direction"):
        tree_layout(entry_deterrence(), direction="up")
    with pytest.raises(hg.GameError, match="positive"):
        tree_layout(entry_deterrence(), leaf_gap=0)


# ------------------------------------------------------------------------------------- matplotlib
def markers(ax):
    found = [c for c in ax.collections if isinstance(c, PathCollection) and c.get_gid() == "nodes"]
    return [tuple(p) for c in found for p in c.get_offsets().tolist()]


def segments(ax, gid):
    found = [c for c in ax.collections if isinstance(c, LineCollection) and c.get_gid() == gid]
    return [[tuple(p) for p in s.tolist()] for c in found for s in c.get_segments()]


def texts(ax):
    return [t.get_text() for t in ax.texts]


def test_plot_entry_deterrence_markers_and_labels():
    tree = entry_deterrence()
    ax = plot_tree(tree)
    assert sorted(markers(ax)) == sorted([(0.75, 0), (0, -1), (1.5, -1), (1, -2), (2, -2)])
    assert sorted(texts(ax)) == sorted(["Entrant", "Incumbent", "Out", "In", "Fight", "Accommodate",
                                        "(0, 2)", "(-1, -1)", "(1, 1)"])
    assert len(segments(ax, "edges")) == 4 and not segments(ax, "equilibrium-edges")
    assert ax.get_title() == "Entry deterrence"
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["Entrant", "Incumbent", "payoffs: (Entrant, Incumbent)"]


def test_plot_highlights_the_subgame_perfect_path():
    # by backward induction the incumbent accommodates (1 > -1), so the entrant enters (1 > 0)
    tree = entry_deterrence()
    solution = hg.spe(tree)
    ax = tree.plot(solution[0])
    assert sorted(segments(ax, "equilibrium-edges")) == [[(0.75, 0), (1.5, -1)], [(1.5, -1), (2, -2)]]
    assert sorted(segments(ax, "edges")) == [[(0.75, 0), (0, -1)], [(1.5, -1), (1, -2)]]
    assert "equilibrium action" in [t.get_text() for t in ax.get_legend().get_texts()]
    # a one-equilibrium Solution works as well as its equilibrium
    assert sorted(segments(plot_tree(tree, solution), "equilibrium-edges")) == \
        sorted(segments(ax, "equilibrium-edges"))


def test_plot_chance_information_sets_and_exact_payoffs():
    tree = bluffing()
    ax = plot_tree(tree)
    assert len(markers(ax)) == tree.num_nodes == 11
    labels = texts(ax)
    assert "High\n1/3" in labels and "Low\n2/3" in labels       # chance probabilities on edges
    payoffs = [t for t in labels if t.startswith("(")]           # summed along the paths
    assert sorted(payoffs) == sorted(["(4/3, -1)", "(7/3, -2)", "(2/3, -2/3)", "(1, -1)", "(-2, 2)", "(0, 0)"])
    assert labels.count("chance") == 1 and labels.count("Caller") == 2
    # the information set {n2, n7}: one dashed arc from the first Caller node to the second
    layout = tree_layout(tree)
    arcs = segments(ax, "infosets")
    assert len(arcs) == 1
    assert arcs[0][0] == pytest.approx(layout.positions[2]) and arcs[0][-1] == pytest.approx(layout.positions[7])
    assert "h" in labels


def test_plot_writes_mixed_probabilities_and_thickens_pure_actions():
    tree = bluffing()
    # Bluffer: raise for sure after High, raise with 1/4 after Low; Caller: fold with 3/5
    profile = [[(1, 0), (Fraction(1, 4), Fraction(3, 4))], [(Fraction(3, 5), Fraction(2, 5))]]
    ax = plot_tree(tree, profile)
    labels = texts(ax)
    assert {"Raise\n1/4", "Check\n3/4"} <= set(labels)
    assert labels.count("Fold\n3/5") == 2 and labels.count("Call\n2/5") == 2
    layout = tree_layout(tree).positions
    assert segments(ax, "equilibrium-edges") == [[layout[1], layout[2]]]   # High > Raise only


def test_plot_rejects_profiles_that_do_not_fit():
    tree = entry_deterrence()
    with pytest.raises(hg.GameError, match="does not fit"):
        plot_tree(tree, [[(1, 0)]])
    with pytest.raises(hg.GameError, match="does not fit"):
        plot_tree(tree, [[(1, 0)], [(1, 0, 0)]])
    game = hg.ExtensiveFormGame(decision("A", {"x": terminal([1]), "y": terminal([1])}))
    solution = hg.spe(game, use_priorities=False)
    assert len(solution) == 2          # indifferent between x and y
    with pytest.raises(hg.GameError, match="pass one of them"):
        plot_tree(game, solution)


def test_plot_left_to_right_into_given_axes_and_float_and_symbolic_payoffs():
    fig, ax = plt.subplots()
    tree = hg.ExtensiveFormGame(decision("A", {"x": terminal([0.5, 1.25]), "y": terminal([2, 3.0])}),
                                players=["A", "B"])
    assert plot_tree(tree, ax=ax, direction="right", legend=False) is ax
    assert sorted(markers(ax)) == [(0, -0.5), (1, -1), (1, 0)]
    assert {"(0.5, 1.25)", "(2, 3)"} <= set(texts(ax)) and ax.get_legend() is None
    rho = sympy.Symbol("rho")
    symbolic = hg.ExtensiveFormGame(decision("A", {"x": terminal([rho / 2, 1]), "y": terminal([0, 1 - rho])}),
                                    players=["A", "B"])
    assert {"(rho/2, 1)", "(0, 1 - rho)"} <= set(texts(plot_tree(symbolic)))


def test_large_trees_draw():
    readable = complete_tree(7, 2)                     # 128 leaves
    ax = plot_tree(readable, [[(1, 0)] * len(s) for s in readable.infosets])
    assert len(markers(ax)) == readable.num_nodes == 255
    ax.figure.canvas.draw()
    fonts = {t.get_fontsize() for t in ax.texts}
    assert min(fonts) >= 5                             # still legible when zoomed in
    large = complete_tree(5, 3)                        # 243 leaves
    ax = plot_tree(large, direction="right")
    assert len(markers(ax)) == large.num_nodes == 364
    ax.figure.savefig(io.BytesIO(), format="png", dpi=30)


# ------------------------------------------------------------------------------------- DOT
def dot_statements(text):
    nodes = re.findall(r"^  n(\d+) \[", text, flags=re.M)
    tree_edges = re.findall(r"^  n(\d+) -> n(\d+) \[(?!style=dashed)", text, flags=re.M)
    dashed = re.findall(r"^  n(\d+) -> n(\d+) \[style=dashed", text, flags=re.M)
    return [int(n) for n in nodes], [(int(a), int(b)) for a, b in tree_edges], \
        [(int(a), int(b)) for a, b in dashed]


def check_dot_syntax(text):
    """Quotes closed (backslash escapes honoured) and braces/brackets balanced outside strings."""
    depth = {"{": 0, "[": 0}
    closing = {"}": "{", "]": "["}
    inside, k = False, 0
    while k < len(text):
        ch = text[k]
        if inside:
            if ch == "\\":
                k += 1
            elif ch == '"':
                inside = False
        elif ch == '"':
            inside = True
        elif ch in depth:
            depth[ch] += 1
        elif ch in closing:
            depth[closing[ch]] -= 1
            assert depth[closing[ch]] >= 0
        assert ch != "\n" or not inside, "a newline inside a DOT string"
        k += 1
    assert not inside and depth == {"{": 0, "[": 0}


def expected_edges(tree):
    index = {id(n): k for k, n in enumerate(tree.nodes)}
    return sorted((k, index[id(c)]) for k, n in enumerate(tree.nodes) for c in n.children)


@pytest.mark.parametrize("make", [entry_deterrence, bluffing, lambda: random_tree(3)])
def test_dot_has_every_node_and_edge_once(make, tmp_path):
    tree = make()
    text = to_dot(tree)
    check_dot_syntax(text)
    assert text.startswith("digraph ") and text.rstrip().endswith("}")
    nodes, edges, dashed = dot_statements(text)
    assert sorted(nodes) == list(range(tree.num_nodes))
    assert sorted(edges) == expected_edges(tree)
    links = [s for sets in tree.infosets for s in sets if len(s.nodes) > 1]
    assert len(dashed) == sum(len(s.nodes) - 1 for s in links)
    assert text.count("rank=same") == len(links)
    if shutil.which("dot"):       # render when Graphviz is installed; the checks above run anyway
        svg = tmp_path / "tree.svg"
        (tmp_path / "tree.dot").write_text(text)
        subprocess.run(["dot", "-Tsvg", str(tmp_path / "tree.dot"), "-o", str(svg)], check=True, timeout=60)
        drawn = svg.read_text()
        assert drawn.count('class="node"') == tree.num_nodes
        assert drawn.count('class="edge"') == len(edges) + len(dashed)


def test_dot_bluffing_details_and_equilibrium():
    tree = bluffing()
    text = to_dot(tree, [[(1, 0), (Fraction(1, 4), Fraction(3, 4))], [(Fraction(3, 5), Fraction(2, 5))]])
    _, _, dashed = dot_statements(text)
    assert dashed == [(2, 7)] and "{ rank=same; n2; n7; }" in text
    assert 'n0 -> n1 [label="High\\n1/3"]' in text
    assert 'n5 [shape=box, style=rounded, label="(2/3, -2/3)"]' in text
    assert re.findall(r"n(\d+) -> n(\d+) \[[^]]*penwidth=3", text) == [("1", "2")]
    assert 'label="Raise\\n1/4"' in text


def test_dot_highlights_entry_deterrence_spe():
    text = to_dot(entry_deterrence(), hg.spe(entry_deterrence())[0])
    assert re.findall(r"n(\d+) -> n(\d+) \[[^]]*penwidth=3", text) == [("0", "2"), ("2", "4")]


def test_dot_escapes_quotes_backslashes_and_newlines():
    tree = hg.ExtensiveFormGame(decision('The "big" \\ power', {
        'say "no"': terminal([1, 0], label="two\nlines"), "yield": terminal([0, 1])}),
        players=['The "big" \\ power', "Other"], title='A "quoted" title')
    text = to_dot(tree)
    check_dot_syntax(text)
    assert 'label="The \\"big\\" \\\\ power"' in text
    assert 'label="say \\"no\\""' in text
    assert 'label="(1, 0)\\ntwo\\nlines"' in text
    assert text.startswith('digraph "A \\"quoted\\" title" {')


# ------------------------------------------------------------------------------------- LaTeX
def check_braces(text):
    depth = 0
    for token in re.findall(r"\\[{}]|[{}]", text):
        if token in "{}":
            depth += 1 if token == "{" else -1
            assert depth >= 0
    assert depth == 0


def test_latex_entry_deterrence_structure():
    tree = entry_deterrence()
    text = to_latex(tree, hg.spe(tree)[0])
    check_braces(text)
    assert text.index(r"\documentclass") < text.index(r"\begin{document}") \
        < text.index(r"\begin{tikzpicture}") < text.index(r"\end{tikzpicture}") < text.index(r"\end{document}")
    for payoff in ["$(0, 2)$", "$(-1, -1)$", "$(1, 1)$"]:
        assert text.count(payoff) == 1
    for k, (x, y) in enumerate([(0.75, 0), (0, -1), (1.5, -1), (1, -2), (2, -2)]):
        assert f"(n{k}) at ({x:g},{y:g})" in text
    drawn = re.findall(r"\\draw(\[eq\])? \(n(\d+)\) --", text)
    assert sorted((int(k), bool(eq)) for eq, k in drawn) == [(0, False), (0, True), (2, False), (2, True)]
    assert r"\draw[eq] (n0) -- node[action, above right] {In} (n2);" in text
    assert r"\draw[eq] (n2) -- node[action, above right] {Accommodate} (n4);" in text
    sideways = to_latex(tree, direction="right")
    assert "x=2.6cm, y=0.9cm" in sideways and "(n0) at (0,-0.75)" in sideways and "(n4) at (2,-2)" in sideways
    picture = to_latex(tree, standalone=False)
    assert picture.startswith(r"\begin{tikzpicture}") and r"\documentclass" not in picture


def test_latex_bluffing_information_set_chance_and_exact_numbers(tmp_path):
    tree = bluffing()
    text = to_latex(tree, [[(1, 0), (Fraction(1, 4), Fraction(3, 4))], [(Fraction(3, 5), Fraction(2, 5))]])
    check_braces(text)
    for payoff in ["(4/3, -1)", "(7/3, -2)", "(2/3, -2/3)", "(1, -1)", "(-2, 2)", "(0, 0)"]:
        assert text.count(f"${payoff}$") == 1
    assert r"{High\\$1/3$}" in text and r"{Low\\$2/3$}" in text
    assert r"{Raise\\\color{equilibrium}$1/4$}" in text
    assert re.findall(r"\\draw\[infoset\] \(n(\d+)\) to\[bend left=12\] .*\(n(\d+)\);", text) == [("2", "7")]
    assert len(re.findall(r"\\node\[(decision|chance|leaf)", text)) == tree.num_nodes
    if shutil.which("pdflatex"):   # compile when LaTeX is installed; the checks above run anyway
        (tmp_path / "tree.tex").write_text(text)
        result = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "tree.tex"],
                                cwd=tmp_path, capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stdout[-2000:]
        assert (tmp_path / "tree.pdf").stat().st_size > 1000


def test_latex_escapes_special_characters():
    tree = hg.ExtensiveFormGame(decision("R&D_lab", {
        "cut 50%": terminal([1, 0]), "{raise} #1 $ ~^\\": terminal([sympy.Symbol("rho") / 2, 1])}),
        players=["R&D_lab", "Rival"])
    text = to_latex(tree)
    check_braces(text)
    assert r"R\&D\_lab" in text and r"cut 50\%" in text
    assert r"\{raise\} \#1 \$ \textasciitilde{}\textasciicircum{}\textbackslash{}" in text
    assert r"$(\frac{\rho}{2}, 1)$" in text
