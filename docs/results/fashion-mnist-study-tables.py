#!/usr/bin/env python3
"""The tables of docs/results/fashion-mnist-study.md from the study's results (fashion-mnist-study.sh, step `tables`).

Every statistic is computed by ManifoldScope (`manifoldscope correlate` and `predict`, their --json output); this
script only picks the penultimate layer's rows, averages the six shifts into one OOD target, and lays out Markdown.

Usage: fashion-mnist-study-tables.py OUT   (reads OUT/study.csv and OUT/severities.csv; writes OUT/penultimate.csv,
       OUT/severities-penultimate.csv and prints the Markdown tables)
"""
import csv
import json
import os
import statistics
import subprocess
import sys

SHIFTS = ["gaussian_noise", "fog", "brightness", "contrast", "pixelate", "jpeg_compression"]
TRANSFER = "probe_accuracy_uci-digits@28x28"
# Marker columns of the tidy CSV and how the paper writes them.
MARKERS = [("dimension", "D_eff"), ("utility", "Ψ_eff"), ("radius", "R_eff"), ("capacity", "α (capacity)"),
           ("center_alignment", "center align."), ("axis_alignment", "axis align."),
           ("center_axis_alignment", "center-axis align."), ("participation_ratio", "PR"), ("nc1", "NC1"),
           ("numerical_rank", "numerical rank")]
# Label-free estimates of an OOD set's accuracy (averaged over the six sets for the mean target). Not atc_score: the
# accuracy on the confident samples of a set needs that set's labels, so it is no estimate.
LABEL_FREE = [("confidence", "avg. confidence"), ("doc_accuracy", "DoC"), ("atc_accuracy", "ATC-MC (Garg)"),
              ("atc_ne_accuracy", "ATC-NE (Garg)")]
BASELINE = ("id_accuracy", "ID accuracy")
MS = os.environ.get("MANIFOLDSCOPE", "manifoldscope")
BOOTSTRAP = "1000"


def read(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def penultimate_rows(rows):
    """One row per checkpoint: its penultimate layer (the layer before the logits, by layer_index)."""
    last = {}
    for row in rows:
        last[row["checkpoint"]] = max(last.get(row["checkpoint"], -1), int(row["layer_index"]))
    return [row for row in rows if int(row["layer_index"]) == last[row["checkpoint"]] - 1]


def mean_of(row, names):
    values = [float(row[n]) for n in names if row.get(n, "") not in ("", "nan")]
    return statistics.fmean(values) if len(values) == len(names) else float("nan")


def write_penultimate(rows, path, severity_sets):
    """The penultimate rows with mean columns over each group of OOD sets (mean_ood_accuracy and its estimates)."""
    out = []
    for row in penultimate_rows(rows):
        row = dict(row)
        row["architecture_optimizer"] = row["architecture"] + " " + row["optimizer"]
        for suffix, sets in severity_sets.items():
            row["mean_acc" + suffix] = mean_of(row, ["acc_" + s for s in sets])
            for metric, _ in LABEL_FREE:
                row["mean_" + metric + suffix] = mean_of(row, [metric + "_" + s for s in sets])
        out.append(row)
    with open(path, "w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(out[0].keys()))
        writer.writeheader()
        writer.writerows(out)
    return out


def correlate(table, x, y, group=None):
    command = [MS, "correlate", table, "-x", x, "-y", y, "--bootstrap", BOOTSTRAP, "--json"]
    if group:
        command += ["--group", group]
    result = json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)
    return {g["group"]: g for g in result["groups"]}


def predict(table, x, y, baseline, group=None):
    command = [MS, "predict", table, "-x", x, "-y", y, "--baseline", baseline, "--json"]
    if group:
        command += ["--group", group]
    result = json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)
    return {g["group"]: g for g in result["groups"]}


def cell(g):
    r, rho = g["pearson"]["r"], g["spearman"]["rho"]
    ci_r, ci_rho = g["bootstrap"]["pearson_ci"], g["bootstrap"]["spearman_ci"]
    return (f"{r:+.2f} [{ci_r[0]:+.2f}, {ci_r[1]:+.2f}]{g['pearson']['stars']} / "
            f"{rho:+.2f} [{ci_rho[0]:+.2f}, {ci_rho[1]:+.2f}] / {g['selection']['score']:.2f}")


def by_group(table, x, y):
    """{arch: result, ..., "pooled": result}"""
    groups = correlate(table, x, y, "architecture")
    groups["pooled"] = next(iter(correlate(table, x, y).values()))
    return groups


def main_table(table, archs, y, y_title, predictors):
    print(f"\n**{y_title}** — Pearson r [95 % CI] / Spearman ρ [95 % CI] / pairwise selection score\n")
    print("| predictor | " + " | ".join(archs + ["pooled"]) + " |")
    print("|---" * (len(archs) + 2) + "|")
    for column, title in predictors:
        groups = by_group(table, column, y)
        n = groups["pooled"]["n"]
        print(f"| {title} | " + " | ".join(cell(groups[a]) for a in archs + ["pooled"]) + " |")
    print(f"\n(n = {n} pooled; stars: **** p ≤ 1e-4, *** ≤ 1e-3, ** ≤ 1e-2, * ≤ 0.05; {BOOTSTRAP} bootstrap resamples)")


def per_target_table(table, archs, targets, predictors):
    print("\n| predictor | group | " + " | ".join(t for _, t in targets) + " |")
    print("|---|---" + "|---" * len(targets) + "|")
    for column, title in predictors:
        for group in archs + ["pooled"]:
            cells = []
            for y, _ in targets:
                x = column(y) if callable(column) else column
                g = by_group(table, x, y)[group]
                cells.append(f"{g['pearson']['r']:+.2f}{g['pearson']['stars']} / {g['selection']['score']:.2f}")
            print(f"| {title} | {group} | " + " | ".join(cells) + " |")


def main():
    out = sys.argv[1]
    rows = read(os.path.join(out, "study.csv"))
    table = os.path.join(out, "penultimate.csv")
    penultimate = write_penultimate(rows, table, {"": [s + ":3" for s in SHIFTS]})
    archs = sorted({row["architecture"] for row in penultimate})
    print(f"## {len(penultimate)} checkpoints, penultimate layers: " +
          ", ".join(sorted({a + ' ' + row['layer'] for row in penultimate for a in [row['architecture']]})))

    # Accuracy ranges, for the reading.
    for arch in archs:
        mine = [row for row in penultimate if row["architecture"] == arch]
        ids = [float(row["id_accuracy"]) for row in mine]
        oods = [float(row["mean_acc"]) for row in mine]
        print(f"- {arch}: n={len(mine)}, ID accuracy {min(ids):.4f}–{max(ids):.4f}, "
              f"mean OOD accuracy {min(oods):.4f}–{max(oods):.4f}")

    predictors = [(c, t) for c, t in MARKERS] + [BASELINE] + [("mean_" + c, t) for c, t in LABEL_FREE]
    main_table(table, archs, "mean_acc", "Mean accuracy over the six shifts at severity 3", predictors)
    main_table(table, archs, TRANSFER, "UCI-digits linear-probe transfer accuracy",
               [(c, t) for c, t in MARKERS] + [BASELINE])

    print("\n### Within architecture x optimizer (Pearson r / selection score; n = 24 each)")
    subgroups = sorted({row["architecture_optimizer"] for row in penultimate})
    print("\n| predictor | target | " + " | ".join(subgroups) + " |")
    print("|---|---" + "|---" * len(subgroups) + "|")
    for y, y_title in [("mean_acc", "mean OOD accuracy"), (TRANSFER, "UCI-digits transfer")]:
        for column, title in [("dimension", "D_eff"), ("utility", "Ψ_eff"), ("nc1", "NC1"), BASELINE]:
            groups = correlate(table, column, y, "architecture_optimizer")
            print(f"| {title} | {y_title} | " + " | ".join(
                f"{groups[g]['pearson']['r']:+.2f}{groups[g]['pearson']['stars']} / {groups[g]['selection']['score']:.2f}"
                for g in subgroups) + " |")

    print("\n### Per OOD set (Pearson r / selection score)")
    targets = [("acc_" + s + ":3", s) for s in SHIFTS]
    per_target_table(table, archs, targets,
                     [("dimension", "D_eff"), ("utility", "Ψ_eff"), BASELINE,
                      (lambda y: "confidence_" + y[len("acc_"):], "avg. confidence"),
                      (lambda y: "atc_accuracy_" + y[len("acc_"):], "ATC-MC")])

    print("\n### Predicting mean OOD accuracy: leave-one-out error (accuracy points x 100)")
    print("\n| predictor | " + " | ".join(archs + ["pooled"]) + " |")
    print("|---" * (len(archs) + 2) + "|")
    for column, title in [("dimension", "D_eff"), ("utility", "Ψ_eff"), ("dimension,utility", "D_eff + Ψ_eff"),
                          ("mean_atc_accuracy", "ATC-MC")]:
        groups = predict(table, column, "mean_acc", "id_accuracy", "architecture")
        groups["pooled"] = next(iter(predict(table, column, "mean_acc", "id_accuracy").values()))
        print(f"| {title} vs ID accuracy | " + " | ".join(
            f"{100 * groups[a]['fit']['loo_rmse']:.2f} vs {100 * groups[a]['baseline']['loo_rmse']:.2f}"
            for a in archs + ["pooled"]) + " |")

    print("\n### Appendix: every marker against each OOD set at severity 3")
    for shift in SHIFTS:
        main_table(table, archs, f"acc_{shift}:3", f"Accuracy on {shift} at severity 3",
                   [(c, t) for c, t in MARKERS] + [BASELINE] +
                   [(c + "_" + shift + ":3", t) for c, t in LABEL_FREE])

    severities_csv = os.path.join(out, "severities.csv")
    if os.path.exists(severities_csv):
        srows = read(severities_csv)
        stable = os.path.join(out, "severities-penultimate.csv")
        levels = {f"_s{k}": [f"{s}:{k}" for s in SHIFTS] for k in range(1, 6)}
        spen = write_penultimate(srows, stable, levels)
        print(f"\n### Severities 1-5 ({len(spen)} seed-0 SGD checkpoints, 2000 images per shifted set)")
        print("\nPearson r with the mean accuracy over the six shifts at each severity / selection score\n")
        print("| predictor | group | " + " | ".join(f"severity {k}" for k in range(1, 6)) + " |")
        print("|---|---" + "|---" * 5 + "|")
        for column, title in [("dimension", "D_eff"), ("utility", "Ψ_eff"), BASELINE]:
            results = [by_group(stable, column, f"mean_acc_s{k}") for k in range(1, 6)]
            for group in archs + ["pooled"]:
                print(f"| {title} | {group} | " + " | ".join(
                    f"{r[group]['pearson']['r']:+.2f}{r[group]['pearson']['stars']} / {r[group]['selection']['score']:.2f}"
                    for r in results) + " |")
        for k in range(1, 6):
            accs = [float(row[f"mean_acc_s{k}"]) for row in spen]
            print(f"- severity {k}: mean OOD accuracy {min(accs):.4f}–{max(accs):.4f}")


if __name__ == "__main__":
    main()
