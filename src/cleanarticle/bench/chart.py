"""The report's chart: speed against accuracy, one point per extractor (needs matplotlib).

With ground truth: pages per second (log scale) across, F1 up, one labelled point per
extractor, the bare parse as a vertical line. Without: pages per second (log scale), one
labelled dot per extractor. The title names the dataset, its size and the date.
"""

from __future__ import annotations

from pathlib import Path

from cleanarticle.bench.suite import DatasetReport

__all__ = ["ChartUnavailableError", "write_chart"]


class ChartUnavailableError(RuntimeError):
    """matplotlib is not installed."""


def write_chart(report: DatasetReport, path: str | Path) -> Path:
    """Draw the dataset's chart into a PNG file and return its path.

    Raises:
        ChartUnavailableError: matplotlib is not installed (``pip install matplotlib``).
    """
    try:
        import matplotlib as mpl

        mpl.use("Agg")
        import matplotlib.pyplot as plt
        from matplotlib.ticker import FuncFormatter, NullFormatter
    except ImportError as exc:
        raise ChartUnavailableError(
            "the chart needs matplotlib (pip install matplotlib, or the 'bench' extra)"
        ) from exc
    path = Path(path)
    title = (
        f"{report.name}: {len(report.pages)} pages, {report.input_mode} input, {report.date[:10]}"
    )
    scored = [s for s in report.summaries if s.scored]
    baseline = next((s for s in report.summaries if not s.scored), None)
    fig, ax = plt.subplots(figsize=(8, 5.5), dpi=110)
    try:
        if report.metric is not None:
            for s in scored:
                f1 = s.accuracy.f1 if s.accuracy else 0.0
                highlight = s.name == "cleanarticle"
                ax.scatter(
                    [s.pages_per_s],
                    [f1],
                    s=80 if highlight else 45,
                    color="tab:red" if highlight else "tab:blue",
                    zorder=3,
                )
                ax.annotate(
                    f"{s.name} {s.version}",
                    (s.pages_per_s, f1),
                    textcoords="offset points",
                    xytext=(6, 4),
                    fontsize=8,
                )
            if baseline is not None and baseline.pages_per_s > 0:
                ax.axvline(baseline.pages_per_s, color="grey", linestyle="--", linewidth=1)
                ax.annotate(
                    "bare parse",
                    (baseline.pages_per_s, 0.0),
                    xycoords=("data", "axes fraction"),
                    textcoords="offset points",
                    xytext=(-4, 6),
                    rotation=90,
                    ha="right",
                    fontsize=8,
                    color="grey",
                )
            ax.set_xscale("log")
            ax.set_xlabel("pages per second (log scale; right is faster)")
            ax.set_ylabel(f"F1 ({report.metric})")
            ax.grid(True, which="both", alpha=0.3)
        else:
            # a dot per extractor on a log axis (bars on a log axis would mislead by length)
            rows = [*scored, *([baseline] if baseline else [])]
            names = [s.name if s.scored else "bare parse" for s in rows]
            ax.scatter(
                [s.pages_per_s for s in rows],
                names,
                s=60,
                color=["tab:red" if s.name == "cleanarticle" else "tab:blue" for s in rows],
                zorder=3,
            )
            for s, name in zip(rows, names, strict=True):
                ax.annotate(
                    f"{s.pages_per_s:,.0f}/s",
                    (s.pages_per_s, name),
                    textcoords="offset points",
                    xytext=(0, 8),
                    ha="center",
                    fontsize=8,
                )
            ax.invert_yaxis()
            ax.set_xscale("log")
            ax.margins(x=0.15, y=0.15)
            ax.set_xlabel("pages per second (log scale; right is faster; no ground truth)")
            ax.grid(True, axis="x", which="both", alpha=0.3)
        ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: f"{x:,.0f}"))
        ax.xaxis.set_minor_formatter(NullFormatter())
        ax.set_title(title)
        fig.tight_layout()
        path.parent.mkdir(parents=True, exist_ok=True)
        fig.savefig(path)
    finally:
        plt.close(fig)
    return path
