"""Validation and review results on a pull request: the check run, the review with inline
comments, and the review summary comment. I/O: GitHub through the port.

Shared by the generate job (the first commit) and the PR conversation (every later push, and
`/codebegen review`). Each step finds what an earlier run posted (the check run by name on the
commit, the review and the summary by their markers, inline comments by path, line and rule), so
running it again changes nothing and a finding is never posted twice on the same line.
"""

from __future__ import annotations

import re

from pipeline.review import Finding, Severity, comment_body, findings_to_markdown
from pipeline.validate import ValidationReport
from worker.ports import Annotation, CheckOutput, GitHubPort, Pull, ReviewComment
from worker.progress import check_summary, has_marker, marker

CHECK_NAME = "codebegen / validation"
_LEVELS = {Severity.ERROR: "failure", Severity.WARNING: "warning", Severity.INFO: "notice"}
_RULE = re.compile(r"\*\*([A-Z]+\d+)\*\*")  # the rule code in an inline comment's body


def publish_check_run(
    gh: GitHubPort,
    repo: str,
    sha: str,
    report: ValidationReport,
    findings: list[Finding],
    details_url: str,
    *,
    models: str = "",
    not_implemented: list[str] | None = None,
) -> None:
    """The validation check run on `sha` (conclusion from the report), findings as annotations,
    and what the model roles did and cost when a model is configured."""
    output = CheckOutput(
        title=report.headline(),
        summary=check_summary(report, models=models, not_implemented=not_implemented),
        annotations=tuple(
            Annotation(f.path, f.line, f.end_line, _LEVELS[f.severity], f.message, f.rule)
            for f in findings
        ),
    )
    conclusion = "success" if report.passed else "failure"
    existing = gh.find_check_run(repo, sha, CHECK_NAME)
    if existing is None:
        gh.create_check_run(
            repo,
            name=CHECK_NAME,
            head_sha=sha,
            conclusion=conclusion,
            output=output,
            details_url=details_url,
        )
    elif existing.status != "completed" or existing.conclusion != conclusion:
        gh.update_check_run(repo, existing.id, conclusion=conclusion, output=output)


def publish_review(
    gh: GitHubPort,
    repo: str,
    pull: Pull,
    sha: str,
    files: dict[str, str],
    findings: list[Finding],
) -> None:
    """One review on `sha` with the findings not already posted on their line, and the summary
    comment created or edited in place."""
    text = findings_to_markdown(findings)
    reviewed = any(has_marker(r.body, "review", sha=sha) for r in gh.reviews(repo, pull.number))
    if not reviewed:
        posted = {
            (c.path, c.line, rule)
            for c in gh.review_comments(repo, pull.number)
            for rule in _RULE.findall(c.body)[:1]
        }
        comments = [
            ReviewComment(
                path=f.path,
                line=f.end_line,
                start_line=f.line if f.end_line > f.line else None,
                body=comment_body(f),
            )
            for f in findings
            if (f.path, f.end_line, f.rule) not in posted
            # a comment must land on a line of the file as committed
            and f.end_line <= files.get(f.path, "").count("\n") + 1
        ]
        body = f"{marker('review', pr=pull.number, sha=sha)}\n{text}\n"
        gh.create_review(repo, pull.number, commit_id=sha, body=body, comments=comments)
    summary = (
        f"{marker('review-summary', pr=pull.number)}\n{text}\n\n"
        f"_Reviewed at {sha[:7]}; comment `/codebegen review` to run the reviewer again._\n"
    )
    mine = [
        c
        for c in gh.comments(repo, pull.number)
        if c.author_is_bot and has_marker(c.body, "review-summary")
    ]
    if not mine:
        gh.create_comment(repo, pull.number, summary)
    elif mine[0].body != summary:
        gh.update_comment(repo, mine[0].id, summary)
