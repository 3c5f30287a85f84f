#!/usr/bin/python3
"""Prints benchmark results for people.

    report.py --line < ONE-JSON-LINE      one case, as run.sh goes
    report.py RESULTS.jsonl MACHINE.json OUT.json OUT.txt
        all cases with the machine: writes OUT.json and OUT.txt, prints the
        text, and exits 1 when a goal was missed.
"""
import json
import sys

UNITS = {"ms": " ms", "ratio": "×", "speedup": "×", "rss-mb": " MB"}
DIGITS = {"ms": 1, "ratio": 2, "speedup": 2, "rss-mb": 1}


def side_text(label, s):
    return "  %-9s median %9.1f ms  (min %.1f, max %.1f; %d runs)  peak RSS %.1f MB%s" % (
        label, s["median_ms"], s["min_ms"], s["max_ms"], len(s["ms"]),
        s["peak_rss_kb"] / 1024, "  [%s]" % s["name"] if label == "baseline" else "")


def case_text(r):
    lines = [r["case"], side_text("daicho", r["daicho"])]
    if "baseline" in r:
        lines.append(side_text("baseline", r["baseline"]))
        lines.append("  ratio     %.3f (daicho / baseline; %.1f× %s)" % (
            r["ratio"], max(r["ratio"], 1 / r["ratio"]),
            "slower" if r["ratio"] > 1 else "faster"))
    for g in r["goals"]:
        lines.append("  goal      %s %s %g%s: %.*f%s, %s" % (
            g["goal"], "≤" if g["compare"] == "<=" else "≥", g["limit"], UNITS[g["goal"]],
            DIGITS[g["goal"]], g["value"], UNITS[g["goal"]], "met" if g["met"] else "MISSED"))
    return "\n".join(lines)


def main():
    if sys.argv[1:] == ["--line"]:
        print(case_text(json.loads(sys.stdin.read())))
        return 0
    results_path, machine_path, out_json, out_txt = sys.argv[1:5]
    results = [json.loads(line) for line in open(results_path) if line.strip()]
    machine = json.load(open(machine_path))
    with open(out_json, "w") as f:
        json.dump({"machine": machine, "results": results}, f, ensure_ascii=False, indent=1)
    missed = [g for r in results for g in r["goals"] if not g["met"]]
    met = sum(len(r["goals"]) for r in results) - len(missed)
    text = ["daicho benchmarks, %s" % machine["date"],
            "machine: %s" % ", ".join("%s %s" % (k, v) for k, v in machine.items() if k != "date"),
            ""]
    text += [case_text(r) + "\n" for r in results]
    text.append("%d goals met, %d missed" % (met, len(missed)))
    with open(out_txt, "w") as f:
        f.write("\n".join(text) + "\n")
    print("\n".join(text[-1:]))
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
