"""What an editor shows about a metric or a problem type: the schema's facts as Markdown,
read through the public catalog (never a copy of them)."""

from __future__ import annotations

from automl_objective.api import Catalog, Metric, ProblemTypeRule


def _allowed_for(catalog: Catalog, metric: Metric) -> str:
    names = []
    for name in catalog.problem_types_allowing(metric.name):
        default = catalog.problem_type(name).default == metric.name
        names.append(f"{name} (the default)" if default else name)
    return ", ".join(names) or "no problem type"


def metric_markdown(catalog: Catalog, metric: Metric) -> str:
    lines = [
        f"**{metric.name}**: {metric.title}",
        "",
        f"Direction: {metric.direction}",
        "",
        metric.description,
        "",
        f"Allowed for: {_allowed_for(catalog, metric)}",
    ]
    return "\n".join(lines)


def _metric_line(catalog: Catalog, rule: ProblemTypeRule, name: str) -> str:
    default = " (the default)" if name == rule.default else ""
    return f"- {name}: {catalog.metric(name).direction}{default}"


def problem_type_markdown(catalog: Catalog, rule: ProblemTypeRule) -> str:
    lines = [f"**{rule.name}**: {rule.title}", "", f"Configured by: {rule.job_config}", ""]
    if not rule.objective_used:
        lines.append("Does not use AutoMLJobObjective: give no MetricName.")
    else:
        lines.append("Metrics (MetricName):")
        lines += [_metric_line(catalog, rule, name) for name in rule.allowed]
    return "\n".join(lines)


def metric_detail(catalog: Catalog, metric: Metric, rule: ProblemTypeRule | None) -> str:
    """One line beside a completion item: direction, and whether it is the default."""
    default = rule is not None and rule.default == metric.name
    return f"{metric.direction}{', the default' if default else ''}: {metric.title}"
