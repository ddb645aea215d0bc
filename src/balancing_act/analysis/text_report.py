"""The balance report as readable text, for the terminal."""

from __future__ import annotations

from balancing_act.analysis.simulate import NEAR_DANGER_POINTS, SimulationReport


def percent(rate: float | None) -> str:
    return "   -  " if rate is None else f"{rate * 100:5.1f}%"


def fires_on(span: tuple[int, int, int] | None) -> str:
    """'T7' or 'T5-T9 (median T7)': the turns an ending fires on in most games."""
    if span is None:
        return "-"
    low, median, high = span
    return f"T{median}" if low == high else f"T{low}-T{high} (median T{median})"


def card_turns(by_turn: list[float], most: int = 4) -> str:
    """The turns a card comes up on, the most common first: 'T2 66%, T3 12%'."""
    ranked = sorted((share, turn) for turn, share in enumerate(by_turn, start=1) if share > 0)
    if not ranked:
        return "never shown"
    shown = ", ".join(f"T{turn} {share:.0%}" for share, turn in ranked[::-1][:most])
    return shown + (f" and {len(ranked) - most} more turns" if len(ranked) > most else "")


def render_text(report: SimulationReport, file_name: str) -> str:
    lines: list[str] = []
    say = lines.append
    say(f"{report.scenario_title} ({report.scenario_id}): {report.runs:,} games, policy "
        f"'{report.policy}', seed {report.seed}")
    say(f"engine time {report.engine_seconds:.2f} s; {report.full_length_rate:.0%} of games ran "
        f"all their turns (mean {report.mean_decisions:.1f} decisions)")
    if report.trust is not None:
        t = report.trust
        say(f"trusts: of {t['moving']} options that move them, {t['seesaw_share']:.0%} move "
            f"the two in opposite directions, {t['both_up_share']:.0%} raise both")
        if t["autonomy_gap"] is not None:
            say(f"autonomy: {t['autonomy_first']:+.2f} for options favouring "
                f"{t['partners'][0]}, {t['autonomy_second']:+.2f} for {t['partners'][1]} "
                f"(gap {t['autonomy_gap']:+.2f})")
    say(f"{report.near_danger_rate:.0%} of games came within {NEAR_DANGER_POINTS} points of an "
        "immediate ending")
    say("")
    name_width = max((len(e.id) for e in report.endings), default=0) + 1
    say(f"Endings{' ' * (name_width + 24)}rate    95% interval      games   fires on")
    for e in report.endings:
        mark = {"good": "+", "bad": "-"}.get(e.tone, " ")
        say(f" {mark} {e.id:<{name_width}} {e.kind:<9} {percent(e.rate)}  "
            f"{percent(e.ci95[0])} to {percent(e.ci95[1]).strip():>6}  {e.count:>9,}   "
            f"{fires_on(e.turn_span())}")
        if e.count == 0:
            say(f"   {file_name}:{e.line}: never reached in these games")
    say("")
    width = max([len(m.label) for m in report.meters] + [len("games still playing")])
    say(f"Meters at the end{' ' * (width - 13)}mean     5%    25%    50%    75%    95%")
    for m in report.meters:
        values = "".join(f"{m.percentiles[p]:7.0f}" for p in (5, 25, 50, 75, 95))
        say(f"  {m.label:<{width}} {m.mean:6.1f}{values}")
    say("")
    say("Meters turn by turn (median, with the middle half of games in brackets)")
    rounds = len(report.playing_by_round)
    say("  " + " " * width + "".join(f"{'T' + str(t + 1):>12}" for t in range(rounds)))
    for m in report.meters:
        band = report.bands[m.id]
        say(f"  {m.label:<{width}}" + "".join(
            f"{f'{b[50]:.0f} ({b[25]:.0f}-{b[75]:.0f})':>12}" for b in band))
    say("  " + f"{'games still playing':<{width}}" + "".join(
        f"{n:>12,}" for n in report.playing_by_round))
    say("")
    say("Cards: how often each appears, and on which turns (the most common first)")
    card_width = max((len(c.id) for c in report.events), default=0)
    for card in sorted(report.events, key=lambda c: c.reach_rate):
        say(f"  {percent(card.reach_rate)}  {card.id:<{card_width}}  {card_turns(card.by_turn)}"
            f"  ({file_name}:{card.line})")
    if report.flags:
        say("")
        say("Flags: games in which each is ever true, true at the end, and the median turn it "
            "first holds")
        flag_width = max(len(f.id) for f in report.flags)
        for flag in report.flags:
            first = "-" if flag.first_turn is None else f"T{flag.first_turn:g}"
            say(f"  {flag.id:<{flag_width}}  ever {percent(flag.set_rate)}  at the end "
                f"{percent(flag.end_rate)}  first {first}")
    say("")
    good = ", ".join(report.good_endings) or "none marked 'tone: good'"
    say(f"Options: pick rate when shown, and the good-ending rate ({good}) when picked vs not")
    width = max((len(o.event_id) + len(o.option_id) + 1 for o in report.options), default=0)
    for o in report.options:
        name = f"{o.event_id}/{o.option_id}"
        say(f"  {percent(o.pick_rate)}  {name:<{width}}  good {percent(o.good_with)} vs "
            f"{percent(o.good_without)}")
    if report.policies:
        say("")
        say(f"Fixed ways of choosing against random play (good-ending rate, "
            f"{report.policies[0].games:,} games each)")
        for p in report.policies:
            marker = "  <- dominant: above 40% good endings" if p.dominant else ""
            say(f"  {p.name:<24} {percent(p.good_rate)}{marker}")
        if not any(p.dominant for p in report.policies):
            say("  No fixed way of choosing wins a good ending in more than 40% of games.")
    if report.targets:
        say("")
        say("Teaching targets (docs/balance.md)")
        for check in report.targets:
            mark = "ok  " if check.met else "MISS"
            say(f"  {mark} {check.name}: {check.measured} (target {check.target})")
    if report.thresholds:
        say("")
        say(f"Thresholds: the value that would make each condition hold at the end of "
            f"{report.target_rate:.0%} of games")
        for advice in report.thresholds:
            if advice.suggested == advice.current:
                note = "no single value of this threshold gets closer to the target"
            else:
                note = (f"{advice.meter} {advice.suggested:g} would give "
                        f"{percent(advice.suggested_rate).strip()}")
            now = percent(advice.current_rate).strip()
            say(f"  {advice.ending_id:<18} {advice.term:<28} now {now:>6}; {note}")
    return "\n".join(lines) + "\n"
