"""JSON exactly as GitHub's REST API shapes it (checked against githubkit's models in tests)."""

from __future__ import annotations

from datetime import UTC
from typing import Any
from urllib.parse import quote

from . import gitrepo
from .state import (
    App,
    CheckRun,
    Comment,
    Installation,
    Issue,
    Label,
    PullRequest,
    Reaction,
    Repo,
    Review,
    ReviewComment,
    State,
    User,
    node_id,
)

REACTION_CONTENTS = ("+1", "-1", "laugh", "confused", "heart", "hooray", "rocket", "eyes")


class Renderer:
    def __init__(self, state: State, web: str, api: str) -> None:
        self.state = state
        self.web = web.rstrip("/")
        self.api = api.rstrip("/")
        self.host = self.web.split("://", 1)[-1]

    # ------------------------------------------------------------------ users, app
    def user(self, login: str) -> dict[str, Any]:
        u = self.state.users.get(login.lower())
        if u is None:
            u = User(login=login, id=0)
        return self.user_obj(u)

    def user_obj(self, u: User) -> dict[str, Any]:
        api_user = f"{self.api}/users/{quote(u.login)}"
        html = f"{self.web}/apps/{u.login[:-5]}" if u.type == "Bot" else f"{self.web}/{u.login}"
        kind = {"Bot": "Bot", "Organization": "Organization"}.get(u.type, "User")
        return {
            "login": u.login,
            "id": u.id,
            "node_id": node_id(kind, u.id),
            "avatar_url": f"{self.web}/avatars/u/{u.id}?v=4",
            "gravatar_id": "",
            "url": api_user,
            "html_url": html,
            "followers_url": f"{api_user}/followers",
            "following_url": f"{api_user}/following{{/other_user}}",
            "gists_url": f"{api_user}/gists{{/gist_id}}",
            "starred_url": f"{api_user}/starred{{/owner}}{{/repo}}",
            "subscriptions_url": f"{api_user}/subscriptions",
            "organizations_url": f"{api_user}/orgs",
            "repos_url": f"{api_user}/repos",
            "events_url": f"{api_user}/events{{/privacy}}",
            "received_events_url": f"{api_user}/received_events",
            "type": u.type,
            "user_view_type": "public",
            "site_admin": u.site_admin,
        }

    def app(self, app: App) -> dict[str, Any]:
        return {
            "id": app.id,
            "slug": app.slug,
            "node_id": node_id("Integration", app.id),
            "client_id": app.client_id,
            "owner": self.user(app.owner),
            "name": app.name,
            "description": "",
            "external_url": f"{self.web}/apps/{app.slug}",
            "html_url": f"{self.web}/apps/{app.slug}",
            "created_at": app.created_at,
            "updated_at": app.created_at,
            "permissions": dict(app.permissions),
            "events": list(app.events),
            "installations_count": len(self.state.installations),
        }

    def installation(self, inst: Installation) -> dict[str, Any]:
        app = self.state.app
        assert app is not None
        account = self.state.users.get(inst.account.lower())
        target_type = account.type if account and account.type == "Organization" else "User"
        path = (
            "organizations/" + inst.account + "/settings"
            if target_type == "Organization"
            else "settings"
        )
        return {
            "id": inst.id,
            "client_id": app.client_id,
            "account": self.user(inst.account),
            "repository_selection": inst.repository_selection,
            "access_tokens_url": f"{self.api}/app/installations/{inst.id}/access_tokens",
            "repositories_url": f"{self.api}/installation/repositories",
            "html_url": f"{self.web}/{path}/installations/{inst.id}",
            "app_id": app.id,
            "app_slug": app.slug,
            "target_id": account.id if account else 0,
            "target_type": target_type,
            "permissions": dict(inst.permissions),
            "events": list(inst.events),
            "created_at": inst.created_at,
            "updated_at": inst.created_at,
            "single_file_name": None,
            "has_multiple_single_files": False,
            "single_file_paths": [],
            "suspended_by": None,
            "suspended_at": None,
        }

    # ------------------------------------------------------------------ repos
    def repo(
        self, repo: Repo, *, full: bool = True, permission: str | None = None
    ) -> dict[str, Any]:
        a = f"{self.api}/repos/{repo.full_name}"
        w = f"{self.web}/{repo.full_name}"
        empty = repo.is_empty()
        open_issues = sum(1 for i in repo.issues.values() if i.state == "open")
        data: dict[str, Any] = {
            "id": repo.id,
            "node_id": node_id("Repository", repo.id),
            "name": repo.name,
            "full_name": repo.full_name,
            "private": repo.private,
            "owner": self.user(repo.owner),
            "html_url": w,
            "description": repo.description,
            "fork": False,
            "url": a,
            "forks_url": f"{a}/forks",
            "keys_url": f"{a}/keys{{/key_id}}",
            "collaborators_url": f"{a}/collaborators{{/collaborator}}",
            "teams_url": f"{a}/teams",
            "hooks_url": f"{a}/hooks",
            "issue_events_url": f"{a}/issues/events{{/number}}",
            "events_url": f"{a}/events",
            "assignees_url": f"{a}/assignees{{/user}}",
            "branches_url": f"{a}/branches{{/branch}}",
            "tags_url": f"{a}/tags",
            "blobs_url": f"{a}/git/blobs{{/sha}}",
            "git_tags_url": f"{a}/git/tags{{/sha}}",
            "git_refs_url": f"{a}/git/refs{{/sha}}",
            "trees_url": f"{a}/git/trees{{/sha}}",
            "statuses_url": f"{a}/statuses/{{sha}}",
            "languages_url": f"{a}/languages",
            "stargazers_url": f"{a}/stargazers",
            "contributors_url": f"{a}/contributors",
            "subscribers_url": f"{a}/subscribers",
            "subscription_url": f"{a}/subscription",
            "commits_url": f"{a}/commits{{/sha}}",
            "git_commits_url": f"{a}/git/commits{{/sha}}",
            "comments_url": f"{a}/comments{{/number}}",
            "issue_comment_url": f"{a}/issues/comments{{/number}}",
            "contents_url": f"{a}/contents/{{+path}}",
            "compare_url": f"{a}/compare/{{base}}...{{head}}",
            "merges_url": f"{a}/merges",
            "archive_url": f"{a}/{{archive_format}}{{/ref}}",
            "downloads_url": f"{a}/downloads",
            "issues_url": f"{a}/issues{{/number}}",
            "pulls_url": f"{a}/pulls{{/number}}",
            "milestones_url": f"{a}/milestones{{/number}}",
            "notifications_url": f"{a}/notifications{{?since,all,participating}}",
            "labels_url": f"{a}/labels{{/name}}",
            "releases_url": f"{a}/releases{{/id}}",
            "deployments_url": f"{a}/deployments",
            "created_at": repo.created_at,
            "updated_at": repo.updated_at or repo.created_at,
            "pushed_at": repo.pushed_at or repo.created_at,
            "git_url": f"git://{self.host}/{repo.full_name}.git",
            "ssh_url": f"git@{self.host.split(':')[0]}:{repo.full_name}.git",
            "clone_url": f"{w}.git",
            "svn_url": w,
            "homepage": None,
            "size": 0 if empty else 1,
            "stargazers_count": 0,
            "watchers_count": 0,
            "language": None,
            "has_issues": True,
            "has_projects": True,
            "has_downloads": True,
            "has_wiki": True,
            "has_pages": False,
            "has_discussions": False,
            "forks_count": 0,
            "mirror_url": None,
            "archived": False,
            "disabled": False,
            "open_issues_count": open_issues,
            "license": None,
            "allow_forking": True,
            "is_template": False,
            "web_commit_signoff_required": False,
            "topics": [],
            "visibility": "private" if repo.private else "public",
            "forks": 0,
            "open_issues": open_issues,
            "watchers": 0,
            "default_branch": repo.default_branch,
        }
        if permission is not None:
            data["permissions"] = {
                "admin": permission == "admin",
                "maintain": permission in ("admin", "maintain"),
                "push": permission in ("admin", "maintain", "write"),
                "triage": permission in ("admin", "maintain", "write", "triage"),
                "pull": permission != "none",
            }
        if full:
            data.update(
                {
                    "allow_squash_merge": True,
                    "allow_merge_commit": True,
                    "allow_rebase_merge": True,
                    "allow_auto_merge": False,
                    "delete_branch_on_merge": False,
                    "allow_update_branch": False,
                    "use_squash_pr_title_as_default": False,
                    "squash_merge_commit_message": "COMMIT_MESSAGES",
                    "squash_merge_commit_title": "COMMIT_OR_PR_TITLE",
                    "merge_commit_message": "PR_TITLE",
                    "merge_commit_title": "MERGE_MESSAGE",
                    "custom_properties": {},
                    "temp_clone_token": "",
                    "network_count": 0,
                    "subscribers_count": 0,
                }
            )
        owner = self.state.users.get(repo.owner.lower())
        if full and owner is not None and owner.type == "Organization":
            data["organization"] = self.user_obj(owner)
        return data

    # ------------------------------------------------------------------ labels, reactions
    def label(self, repo: Repo, label: Label) -> dict[str, Any]:
        return {
            "id": label.id,
            "node_id": node_id("Label", label.id),
            "url": f"{self.api}/repos/{repo.full_name}/labels/{quote(label.name)}",
            "name": label.name,
            "color": label.color,
            "default": label.default,
            "description": label.description,
            "archived_at": None,
            "archived_by": None,
        }

    def labels(self, repo: Repo, names: list[str]) -> list[dict[str, Any]]:
        return [self.label(repo, repo.labels[n.lower()]) for n in names if n.lower() in repo.labels]

    def reaction(self, r: Reaction) -> dict[str, Any]:
        return {
            "id": r.id,
            "node_id": node_id("Reaction", r.id),
            "user": self.user(r.user),
            "content": r.content,
            "created_at": r.created_at,
        }

    def rollup(self, url: str, reactions: list[Reaction]) -> dict[str, Any]:
        counts = {c: 0 for c in REACTION_CONTENTS}
        for r in reactions:
            counts[r.content] = counts.get(r.content, 0) + 1
        return {"url": url, "total_count": len(reactions), **counts}

    # ------------------------------------------------------------------ issues, comments
    def issue(self, repo: Repo, issue: Issue) -> dict[str, Any]:
        a = f"{self.api}/repos/{repo.full_name}/issues/{issue.number}"
        kind = "pull" if issue.is_pull else "issues"
        data: dict[str, Any] = {
            "url": a,
            "repository_url": f"{self.api}/repos/{repo.full_name}",
            "labels_url": f"{a}/labels{{/name}}",
            "comments_url": f"{a}/comments",
            "events_url": f"{a}/events",
            "html_url": f"{self.web}/{repo.full_name}/{kind}/{issue.number}",
            "id": issue.id,
            "node_id": node_id("PullRequest" if issue.is_pull else "Issue", issue.id),
            "number": issue.number,
            "title": issue.title,
            "user": self.user(issue.user),
            "labels": self.labels(repo, issue.labels),
            "state": issue.state,
            "locked": issue.locked,
            "assignee": self.user(issue.assignees[0]) if issue.assignees else None,
            "assignees": [self.user(x) for x in issue.assignees],
            "milestone": None,
            "comments": len(self.state.comments_on(repo.full_name, issue.number)),
            "created_at": issue.created_at,
            "updated_at": issue.updated_at,
            "closed_at": issue.closed_at,
            "author_association": self.association(repo, issue.user),
            "active_lock_reason": None,
            "body": issue.body,
            "closed_by": self.user(issue.closed_by) if issue.closed_by else None,
            "reactions": self.rollup(
                f"{a}/reactions", self.state.reactions_on_issue(repo.full_name, issue.number)
            ),
            "timeline_url": f"{a}/timeline",
            "performed_via_github_app": (
                self.app(self.state.app) if issue.via_app and self.state.app else None
            ),
            "state_reason": issue.state_reason,
        }
        if issue.is_pull:
            pr = repo.pulls[issue.number]
            pa = f"{self.api}/repos/{repo.full_name}/pulls/{issue.number}"
            pw = f"{self.web}/{repo.full_name}/pull/{issue.number}"
            data["draft"] = pr.draft
            data["pull_request"] = {
                "url": pa,
                "html_url": pw,
                "diff_url": f"{pw}.diff",
                "patch_url": f"{pw}.patch",
                "merged_at": pr.merged_at,
            }
        return data

    def association(self, repo: Repo, login: str) -> str:
        u = self.state.users.get(login.lower())
        if u is None:
            return "NONE"
        if u.type == "Bot":
            return "NONE"
        if u.login.lower() == repo.owner.lower():
            return "OWNER"
        owner = self.state.users.get(repo.owner.lower())
        perm = u.permission_on(repo)
        if (
            owner is not None
            and owner.type == "Organization"
            and owner.login.lower() in {o.lower() for o in u.member_of}
        ):
            return "MEMBER"
        if perm in ("read", "triage", "write", "maintain", "admin"):
            return "COLLABORATOR"
        if any(i.user.lower() == login.lower() and i.is_pull for i in repo.issues.values()):
            return "CONTRIBUTOR"
        return "NONE"

    def comment(self, repo: Repo, c: Comment) -> dict[str, Any]:
        a = f"{self.api}/repos/{repo.full_name}/issues/comments/{c.id}"
        issue = repo.issues[c.issue_number]
        kind = "pull" if issue.is_pull else "issues"
        return {
            "url": a,
            "html_url": f"{self.web}/{repo.full_name}/{kind}/{c.issue_number}#issuecomment-{c.id}",
            "issue_url": f"{self.api}/repos/{repo.full_name}/issues/{c.issue_number}",
            "id": c.id,
            "node_id": node_id("IssueComment", c.id),
            "user": self.user(c.user),
            "created_at": c.created_at,
            "updated_at": c.updated_at,
            "author_association": self.association(repo, c.user),
            "body": c.body,
            "reactions": self.rollup(f"{a}/reactions", self.state.reactions_on_comment(c.id)),
            "performed_via_github_app": (
                self.app(self.state.app) if c.via_app and self.state.app else None
            ),
            "pin": None,
            "minimized": None,
        }

    # ------------------------------------------------------------------ pulls
    def _branch_end(self, repo: Repo, ref: str, sha: str) -> dict[str, Any]:
        return {
            "label": f"{repo.owner}:{ref}",
            "ref": ref,
            "sha": sha,
            "user": self.user(repo.owner),
            "repo": self.repo(repo, full=False),
        }

    def pull_shas(self, repo: Repo, pr: PullRequest) -> tuple[str, str]:
        """Head and base sha: live from git while open, as recorded once closed."""
        if pr.state == "open":
            head_path = self.state.repo(pr.head_repo).path if pr.head_repo else repo.path
            head = gitrepo.rev_parse(head_path, f"refs/heads/{pr.head_ref}") or pr.head_sha
            base = gitrepo.rev_parse(repo.path, f"refs/heads/{pr.base_ref}") or pr.base_sha
            return head, base
        return pr.head_sha, pr.base_sha

    def pull(self, repo: Repo, pr: PullRequest, *, simple: bool = False) -> dict[str, Any]:
        a = f"{self.api}/repos/{repo.full_name}/pulls/{pr.number}"
        ia = f"{self.api}/repos/{repo.full_name}/issues/{pr.number}"
        w = f"{self.web}/{repo.full_name}/pull/{pr.number}"
        head_sha, base_sha = self.pull_shas(repo, pr)
        issue = repo.issues[pr.number]
        data: dict[str, Any] = {
            "url": a,
            "id": pr.id,
            "node_id": node_id("PullRequest", pr.id),
            "html_url": w,
            "diff_url": f"{w}.diff",
            "patch_url": f"{w}.patch",
            "issue_url": ia,
            "number": pr.number,
            "state": pr.state,
            "locked": False,
            "title": pr.title,
            "user": self.user(pr.user),
            "body": pr.body,
            "created_at": pr.created_at,
            "updated_at": pr.updated_at,
            "closed_at": pr.closed_at,
            "merged_at": pr.merged_at,
            "merge_commit_sha": pr.merge_commit_sha,
            "assignee": None,
            "assignees": [],
            "requested_reviewers": [],
            "requested_teams": [],
            "labels": self.labels(repo, issue.labels),
            "milestone": None,
            "draft": pr.draft,
            "commits_url": f"{a}/commits",
            "review_comments_url": f"{a}/comments",
            "review_comment_url": f"{self.api}/repos/{repo.full_name}/pulls/comments{{/number}}",
            "comments_url": f"{ia}/comments",
            "statuses_url": f"{self.api}/repos/{repo.full_name}/statuses/{head_sha}",
            "head": self._branch_end(
                self.state.repo(pr.head_repo) if pr.head_repo else repo, pr.head_ref, head_sha
            ),
            "base": self._branch_end(repo, pr.base_ref, base_sha),
            "_links": {
                "self": {"href": a},
                "html": {"href": w},
                "issue": {"href": ia},
                "comments": {"href": f"{ia}/comments"},
                "review_comments": {"href": f"{a}/comments"},
                "review_comment": {
                    "href": f"{self.api}/repos/{repo.full_name}/pulls/comments{{/number}}"
                },
                "commits": {"href": f"{a}/commits"},
                "statuses": {"href": f"{self.api}/repos/{repo.full_name}/statuses/{head_sha}"},
            },
            "author_association": self.association(repo, pr.user),
            "auto_merge": None,
            "active_lock_reason": None,
        }
        if simple:
            return data
        files = self.pull_files(repo, pr)
        try:
            commits = (
                gitrepo.count_commits(repo.path, base_sha, head_sha)
                if not pr.merged
                else len(gitrepo.log(repo.path, f"{pr.base_sha}..{pr.head_sha}"))
            )
        except gitrepo.GitError:
            commits = 0
        data.update(
            {
                "merged": pr.merged,
                "mergeable": None if pr.state != "open" else True,
                "rebaseable": None if pr.state != "open" else True,
                "mergeable_state": "unknown" if pr.state != "open" else "clean",
                "merged_by": self.user(pr.merged_by) if pr.merged_by else None,
                "comments": len(self.state.comments_on(repo.full_name, pr.number)),
                "review_comments": len(self.state.review_comments_on(repo.full_name, pr.number)),
                "maintainer_can_modify": pr.maintainer_can_modify,
                "commits": commits,
                "additions": sum(f.additions for f in files),
                "deletions": sum(f.deletions for f in files),
                "changed_files": len(files),
            }
        )
        return data

    def pull_files(self, repo: Repo, pr: PullRequest) -> list[gitrepo.FileDiff]:
        head_sha, base_sha = self.pull_shas(repo, pr)
        if pr.merged:
            base_sha = pr.base_sha
        try:
            return gitrepo.diff_files(repo.path, base_sha, head_sha)
        except gitrepo.GitError:
            return []

    def diff_entry(self, repo: Repo, head_sha: str, f: gitrepo.FileDiff) -> dict[str, Any]:
        blob = f"{self.web}/{repo.full_name}/blob/{head_sha}/{quote(f.filename)}"
        raw = f"{self.web}/{repo.full_name}/raw/{head_sha}/{quote(f.filename)}"
        data: dict[str, Any] = {
            "sha": f.sha or "0" * 40,
            "filename": f.filename,
            "status": f.status,
            "additions": f.additions,
            "deletions": f.deletions,
            "changes": f.additions + f.deletions,
            "blob_url": blob,
            "raw_url": raw,
            "contents_url": f"{self.api}/repos/{repo.full_name}/contents/{quote(f.filename)}?ref={head_sha}",
        }
        if f.patch:
            data["patch"] = f.patch
        return data

    def review(self, repo: Repo, r: Review) -> dict[str, Any]:
        pa = f"{self.api}/repos/{repo.full_name}/pulls/{r.pull_number}"
        w = f"{self.web}/{repo.full_name}/pull/{r.pull_number}#pullrequestreview-{r.id}"
        data: dict[str, Any] = {
            "id": r.id,
            "node_id": node_id("PullRequestReview", r.id),
            "user": self.user(r.user),
            "body": r.body,
            "state": r.state,
            "html_url": w,
            "pull_request_url": pa,
            "author_association": self.association(repo, r.user),
            "_links": {"html": {"href": w}, "pull_request": {"href": pa}},
            "commit_id": r.commit_id,
        }
        if r.submitted_at:
            data["submitted_at"] = r.submitted_at
        return data

    def review_comment(self, repo: Repo, c: ReviewComment) -> dict[str, Any]:
        a = f"{self.api}/repos/{repo.full_name}/pulls/comments/{c.id}"
        pa = f"{self.api}/repos/{repo.full_name}/pulls/{c.pull_number}"
        w = f"{self.web}/{repo.full_name}/pull/{c.pull_number}#discussion_r{c.id}"
        data: dict[str, Any] = {
            "url": a,
            "pull_request_review_id": c.review_id,
            "id": c.id,
            "node_id": node_id("PullRequestReviewComment", c.id),
            "diff_hunk": c.diff_hunk,
            "path": c.path,
            "position": c.position,
            "original_position": c.position,
            "commit_id": c.commit_id,
            "original_commit_id": c.commit_id,
            "user": self.user(c.user),
            "body": c.body,
            "created_at": c.created_at,
            "updated_at": c.updated_at,
            "html_url": w,
            "pull_request_url": pa,
            "author_association": self.association(repo, c.user),
            "_links": {"self": {"href": a}, "html": {"href": w}, "pull_request": {"href": pa}},
            "reactions": self.rollup(f"{a}/reactions", []),
            "start_line": c.start_line,
            "original_start_line": c.start_line,
            "start_side": c.start_side,
            "line": c.line,
            "original_line": c.line,
            "side": c.side,
            "subject_type": c.subject_type,
        }
        if c.in_reply_to_id is not None:
            data["in_reply_to_id"] = c.in_reply_to_id
        return data

    # ------------------------------------------------------------------ checks
    def check_run(self, repo: Repo, c: CheckRun) -> dict[str, Any]:
        a = f"{self.api}/repos/{repo.full_name}/check-runs/{c.id}"
        out = c.output or {}
        prs = []
        for pr in repo.pulls.values():
            if pr.state != "open":
                continue
            head_sha, base_sha = self.pull_shas(repo, pr)
            if head_sha != c.head_sha:
                continue
            mini_repo = {
                "id": repo.id,
                "url": f"{self.api}/repos/{repo.full_name}",
                "name": repo.name,
            }
            prs.append(
                {
                    "url": f"{self.api}/repos/{repo.full_name}/pulls/{pr.number}",
                    "id": pr.id,
                    "number": pr.number,
                    "head": {"ref": pr.head_ref, "sha": head_sha, "repo": mini_repo},
                    "base": {"ref": pr.base_ref, "sha": base_sha, "repo": mini_repo},
                }
            )
        return {
            "id": c.id,
            "name": c.name,
            "node_id": node_id("CheckRun", c.id),
            "head_sha": c.head_sha,
            "external_id": c.external_id or "",
            "url": a,
            "html_url": f"{self.web}/{repo.full_name}/runs/{c.id}",
            "details_url": c.details_url or f"{self.web}/{repo.full_name}/runs/{c.id}",
            "status": c.status,
            "conclusion": c.conclusion,
            "started_at": c.started_at,
            "completed_at": c.completed_at,
            "output": {
                "title": out.get("title"),
                "summary": out.get("summary"),
                "text": out.get("text"),
                "annotations_count": len(c.annotations),
                "annotations_url": f"{a}/annotations",
            },
            "check_suite": {"id": c.check_suite_id},
            "app": self.app(self.state.app) if self.state.app else None,
            "pull_requests": prs,
        }

    def annotation(self, repo: Repo, c: CheckRun, ann: dict[str, Any]) -> dict[str, Any]:
        return {
            "path": ann.get("path"),
            "start_line": ann.get("start_line"),
            "end_line": ann.get("end_line"),
            "start_column": ann.get("start_column"),
            "end_column": ann.get("end_column"),
            "annotation_level": ann.get("annotation_level"),
            "title": ann.get("title"),
            "message": ann.get("message"),
            "raw_details": ann.get("raw_details"),
            "blob_href": f"{self.web}/{repo.full_name}/blob/{c.head_sha}/{ann.get('path')}",
        }

    # ------------------------------------------------------------------ git data
    def git_ref(self, repo: Repo, ref: str, sha: str) -> dict[str, Any]:
        return {
            "ref": ref,
            "node_id": node_id("Ref", abs(hash((repo.full_name, ref))) % 10**9),
            "url": f"{self.api}/repos/{repo.full_name}/git/{ref}",
            "object": {
                "type": "commit",
                "sha": sha,
                "url": f"{self.api}/repos/{repo.full_name}/git/commits/{sha}",
            },
        }

    def git_commit(self, repo: Repo, info: gitrepo.CommitInfo) -> dict[str, Any]:
        a = f"{self.api}/repos/{repo.full_name}/git/commits/{info.sha}"

        def _date(d: str) -> str:
            from datetime import datetime

            return datetime.fromisoformat(d).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")

        return {
            "sha": info.sha,
            "node_id": node_id("Commit", int(info.sha[:7], 16)),
            "url": a,
            "html_url": f"{self.web}/{repo.full_name}/commit/{info.sha}",
            "author": {
                "name": info.author_name,
                "email": info.author_email,
                "date": _date(info.author_date),
            },
            "committer": {
                "name": info.committer_name,
                "email": info.committer_email,
                "date": _date(info.committer_date),
            },
            "message": info.message,
            "tree": {
                "sha": info.tree,
                "url": f"{self.api}/repos/{repo.full_name}/git/trees/{info.tree}",
            },
            "parents": [
                {
                    "sha": p,
                    "url": f"{self.api}/repos/{repo.full_name}/git/commits/{p}",
                    "html_url": f"{self.web}/{repo.full_name}/commit/{p}",
                }
                for p in info.parents
            ],
            "verification": {
                "verified": False,
                "reason": "unsigned",
                "signature": None,
                "payload": None,
                "verified_at": None,
            },
        }
