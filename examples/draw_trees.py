"""Pictures of an alliance game tree: PNG (matplotlib), Graphviz DOT and LaTeX/TikZ.

A patron decides whether to commit to a client; the client then provokes a common
adversary or restrains itself; nature decides whether the adversary is resolved (probability
1/3); when a committed patron's client has provoked, the patron defends or abandons it
without knowing whether the adversary is resolved (one information set).  The payoffs below
are invented integers that tell Snyder's (1984) entrapment story, not estimates:

                                    (patron, client)
  commit,  restrain                     ( 2,  2)
  commit,  provoke, resolved,   defend  (-3,  1)   war
  commit,  provoke, resolved,   abandon (-1, -4)   client beaten, patron discredited
  commit,  provoke, irresolute, defend  ( 1,  4)   the adversary backs down
  commit,  provoke, irresolute, abandon (-1, -2)
  aloof,   restrain                     ( 0,  0)
  aloof,   provoke, resolved            ( 0, -5)   the client fights alone and loses
  aloof,   provoke, irresolute          ( 0,  2)

By hand: a committed patron defends (-3/3 + 2/3 = -1/3 against -1 for abandoning), so a
protected client provokes (1/3 + 8/3 = 3 > 2) and the patron expects -1/3 from committing; an
unprotected client restrains (-5/3 + 4/3 = -1/3 < 0), so the patron stays aloof (0 > -1/3).

Run:  python examples/draw_trees.py [OUTPUT_FOLDER]      (default ./tree_pictures)
"""
import sys
from fractions import Fraction
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # files only, no window

import hegemony_games as hg  # noqa: E402
from hegemony_games import chance, decision, terminal  # noqa: E402


def alliance_tree() -> hg.ExtensiveFormGame:
    def crisis(resolved, irresolute):
        return chance({"resolved": ("1/3", resolved), "irresolute": ("2/3", irresolute)})

    def patron(defend, abandon):
        return decision("Patron", {"defend": terminal(defend), "abandon": terminal(abandon)},
                        infoset="crisis")

    committed = decision("Client", {
        "provoke": crisis(patron([-3, 1], [-1, -4]), patron([1, 4], [-1, -2])),
        "restrain": terminal([2, 2])})
    alone = decision("Client", {
        "provoke": crisis(terminal([0, -5]), terminal([0, 2])),
        "restrain": terminal([0, 0])})
    return hg.ExtensiveFormGame(decision("Patron", {"commit": committed, "aloof": alone}),
                                players=["Patron", "Client"], title="Commitment and entrapment")


def main(argv: list[str]) -> None:
    out = Path(argv[0] if argv else "tree_pictures")
    out.mkdir(parents=True, exist_ok=True)
    tree = alliance_tree()
    solution = hg.spe(tree)
    assert len(solution) == 1
    eq = solution[0]
    # the hand calculation in the module docstring
    (patron_root, patron_crisis), (client_committed, client_alone) = eq.strategies
    assert patron_root == (0, 1) and patron_crisis == (1, 0)
    assert client_committed == (1, 0) and client_alone == (0, 1)
    assert eq.payoffs == (Fraction(0), Fraction(0))

    ax = tree.plot(eq)
    ax.figure.savefig(out / "alliance.png", dpi=150, bbox_inches="tight")
    (out / "alliance.dot").write_text(tree.to_dot(eq))
    (out / "alliance.tex").write_text(tree.to_latex(eq))
    print(f"{tree.title}: the patron stays aloof and the client restrains; payoffs "
          f"{tuple(map(str, eq.payoffs))}")
    print(f"wrote {', '.join(str(out / n) for n in ('alliance.png', 'alliance.dot', 'alliance.tex'))}")
    print("render the others with:  dot -Tpdf alliance.dot -o alliance-dot.pdf;  pdflatex alliance.tex")


if __name__ == "__main__":
    main(sys.argv[1:])
