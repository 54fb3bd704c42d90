"""The demo's built-in issue is the blog example, so the demo shows the README's example also
where codebegen was installed without a checkout."""

from pathlib import Path

from bot.demo import DEMO_ISSUE


def test_the_demo_issue_is_examples_blog_md() -> None:
    blog = Path(__file__).resolve().parents[2] / "examples" / "blog.md"
    assert DEMO_ISSUE == blog.read_text(encoding="utf-8")
