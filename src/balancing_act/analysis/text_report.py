"""The balance report as readable text, for the terminal."""

from __future__ import annotations

from balancing_act.analysis.simulate import NEAR_DANGER_POINTS, SimulationReport


def percent(rate: float | None) -> str:
    return "   -  " if rate is None else f"{rate * 100:5.1f}%"


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
    say("Endings                                  rate    95% interval      games")
    for e in report.endings:
        mark = {"good": "+", "bad": "-"}.get(e.tone, " ")
        say(f" {mark} {e.id:<24} {e.kind:<9} {percent(e.rate)}  {percent(e.ci95[0])} to "
            f"{percent(e.ci95[1]).strip():>6}  {e.count:>9,}")
        if e.count == 0:
            say(f"   {file_name}:{e.line}: never reached in these games")
    say("")
    say("Meters at the end        mean     5%    25%    50%    75%    95%")
    for m in report.meters:
        values = "".join(f"{m.percentiles[p]:7.0f}" for p in (5, 25, 50, 75, 95))
        say(f"  {m.label[:20]:<20} {m.mean:6.1f}{values}")
    say("")
    say("Meters turn by turn (median, with the middle half of games in brackets)")
    rounds = len(report.playing_by_round)
    say("  " + " " * 20 + "".join(f"{'T' + str(t + 1):>12}" for t in range(rounds)))
    for m in report.meters:
        band = report.bands[m.id]
        say(f"  {m.label[:20]:<20}" + "".join(
            f"{f'{b[50]:.0f} ({b[25]:.0f}-{b[75]:.0f})':>12}" for b in band))
    say("  " + f"{'games still playing':<20}" + "".join(
        f"{n:>12,}" for n in report.playing_by_round))
    say("")
    say("Cards: how often each appears")
    for card in sorted(report.events, key=lambda c: c.reach_rate):
        say(f"  {percent(card.reach_rate)}  {card.id}  ({file_name}:{card.line})")
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
        say("Fixed ways of choosing against random play (good-ending rate)")
        for p in report.policies:
            flag = "  <- dominant: above 40% good endings" if p.dominant else ""
            say(f"  {p.name:<24} {percent(p.good_rate)}{flag}")
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
