#!/usr/bin/python3
"""Turns the timings of one benchmark case ("MS KB" per run, from measure)
into one JSON line: median, min and max per side, peak RSS, the ratio to
the baseline, and each goal with its value and whether it was met.

Goals (--goal KEY=LIMIT): ms (daicho's median at most), ratio (daicho /
baseline at most), speedup (baseline / daicho at least), rss-mb (daicho's
peak RSS at most, MB of 1024 KB).
"""
import argparse
import json
import statistics


def side(times_path, command, name):
    runs = [line.split() for line in open(times_path) if line.strip()]
    ms = [float(r[0]) for r in runs]
    return {
        "name": name,
        "command": command,
        "ms": ms,
        "median_ms": statistics.median(ms),
        "min_ms": min(ms),
        "max_ms": max(ms),
        "peak_rss_kb": max(int(r[1]) for r in runs),
    }


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--name", required=True)
    p.add_argument("--daicho-times", required=True)
    p.add_argument("--daicho-command", required=True)
    p.add_argument("--baseline-times")
    p.add_argument("--baseline-command")
    p.add_argument("--baseline-name")
    p.add_argument("--goal", action="append", default=[])
    a = p.parse_args()

    result = {"case": a.name, "daicho": side(a.daicho_times, a.daicho_command, "daicho")}
    d = result["daicho"]
    if a.baseline_times:
        b = side(a.baseline_times, a.baseline_command, a.baseline_name)
        result["baseline"] = b
        result["ratio"] = d["median_ms"] / b["median_ms"]
    values = {
        "ms": (d["median_ms"], "<="),
        "ratio": (result.get("ratio"), "<="),
        "speedup": (1 / result["ratio"] if "ratio" in result else None, ">="),
        "rss-mb": (d["peak_rss_kb"] / 1024, "<="),
    }
    goals = []
    for goal in a.goal:
        key, limit = goal.split("=")
        value, compare = values[key]
        if value is None:
            raise SystemExit("goal %s needs a baseline" % key)
        met = value <= float(limit) if compare == "<=" else value >= float(limit)
        goals.append({"goal": key, "limit": float(limit), "compare": compare,
                      "value": value, "met": met})
    result["goals"] = goals
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
