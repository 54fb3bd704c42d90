"""Contract tests derived from the input OpenAPI document, run against the booted app.

For every operation of `contract/openapi.input.yaml`, schemathesis generates a few requests that
the document allows (positive data, a fixed seed) and checks each answer: no 5xx, a status code
the document declares, the declared content type, a body matching the declared schema. The run
first gets credentials the way the document says a client does (`sign_in`: an API key from the
operation that issues one, else a sign-up and sign-in) and sends them where its security schemes
look (operations that sign out get none). Where the document gives no way, the run has no
credentials; and its ids are random or ones the app's own answers held (an `id` a create
answered), so an undeclared 401/403 on a secured operation and an undeclared 404 on an operation
with path parameters are tolerated (counted, not failed): they are what a correct app answers to
such requests; and so is an undeclared 401 from a login given made-up credentials. So is an undeclared 400/422 to a request that leaves out a body the document does
not mark required but whose schema requires fields (a loosely written document): no answer it
declares could be right. An operation is conformant when at least one of its answers was checked
and none failed. One that only ever answered tolerated codes, in a run the document gives no way
to obtain credentials for (a secured operation's declared 401/403 counting among them), is "not
verifiable": neither conformant nor failed, and reported as such. I/O: HTTP requests to the
app's base URL (the sandboxed app, through `bridge.tcp_bridge`); nothing else.
"""

from __future__ import annotations

import base64
import copy
import re
import secrets
import time
from dataclasses import dataclass, field
from typing import Any

from hypothesis import HealthCheck, Phase, given, settings

from pipeline.contract import read_operations, route_key
from pipeline.contract.compare import served_statuses
from pipeline.contract.patterns import body_requires_fields, plan_operations
from pipeline.validate.report import CheckStatus, ContractCounts, ValidationReport

MAX_EXAMPLES = 5  # generated requests per operation: a smoke test, not a fuzzing campaign
DEADLINE_S = 30.0  # the whole run; operations not reached by then are "not tested"
REQUEST_TIMEOUT_S = 5.0
_TOLERATED_AUTH = (401, 403)
_TOLERATED_NO_BODY = (400, 422)


@dataclass
class OperationResult:
    key: str  # "GET /notes/{noteId}"
    calls: int = 0
    tolerated: int = 0  # undeclared 401/403 (no credentials) or 404 (random ids)
    failures: list[str] = field(default_factory=list)  # distinct, one line each
    error: str = ""  # why it could not be tested ("" when it was)
    tolerated_codes: set[int] = field(default_factory=set)  # which codes were tolerated
    # the document has secured operations and gives no way to obtain credentials for them
    no_credentials: bool = False
    secured: bool = False  # the operation itself requires credentials

    @property
    def tested(self) -> bool:
        return self.calls > 0 and not self.error

    @property
    def conformant(self) -> bool:
        """Tested, at least one answer checked against the document, and none failed."""
        return self.tested and self.calls > self.tolerated and not self.failures

    @property
    def unverifiable(self) -> bool:
        """Tested without a failure, but every answer was one a correct app gives a client
        with no credentials, where the document gives no way to obtain any: neither passed nor
        failed, and said so."""
        checked = self.tested and not self.failures
        return checked and self.calls == self.tolerated and self.no_credentials

    @property
    def verdict(self) -> str:
        if self.conformant:
            return "conformant"
        if self.error or self.failures:
            return self.error or "; ".join(self.failures)
        codes = "/".join(map(str, sorted(self.tolerated_codes))) or "401/403/404"
        if self.unverifiable and self.tolerated_codes <= {401, 403} and not self.secured:
            return (
                "not verifiable: the document gives no way to make the account it signs in"
                f" (every answer was {codes})"
            )
        if self.unverifiable and self.tolerated_codes <= {401, 403}:
            return (
                f"not verifiable: secured, and the document gives no way to obtain credentials"
                f" (every answer was {codes})"
            )
        if self.unverifiable:
            return (
                f"not verifiable: every answer was {codes}; the records it needs are made by"
                " secured operations, and the document gives no way to obtain credentials"
            )
        return f"not verified: every answer was a tolerated {codes}"


NAME = "contract tests"
WEIGHT = 2.0  # as much as serving the operations: answering as declared is the other half


def run_contract_tests(
    doc: dict[str, Any],
    base_url: str,
    *,
    max_examples: int = MAX_EXAMPLES,
    deadline_s: float = DEADLINE_S,
) -> list[OperationResult]:
    """One result per operation of `doc`, in document order."""
    import schemathesis  # heavy: imported when contract tests run
    from schemathesis.core.result import Ok

    started = time.monotonic()
    declared = {route_key(op.method, op.path): op for op in read_operations(doc)}
    doc = copy.deepcopy(doc)
    doc.pop("servers", None)  # the app serves the paths at its root, whatever the servers say
    try:
        schema = schemathesis.openapi.from_dict(doc)
        operations = list(schema.get_all_operations())
    except Exception as exc:  # schemathesis refuses some documents: say so, per operation
        why = f"schemathesis cannot read the document: {_line(exc)}"
        return [OperationResult(op.key, error=why) for op in declared.values()]
    results: list[OperationResult] = []
    known: dict[type, set[Any]] = {int: set(), str: set()}  # ids the app's answers held
    signed_in = sign_in(doc, base_url)
    locked = any(op.security for op in declared.values())  # some operation needs credentials
    plans = plan_operations(doc)
    for item in operations:
        if not isinstance(item, Ok):  # an Err: the operation's definition is unusable
            broken = _line(item.err())
            results.append(OperationResult(key=f"? {broken[:80]}", error=broken))
            continue
        operation = item.ok()
        key = f"{operation.method.upper()} {operation.path}"
        api_op = declared.get(route_key(operation.method, operation.path))
        result = OperationResult(key=api_op.key if api_op else key)
        results.append(result)
        if time.monotonic() - started > deadline_s:
            result.error = f"not tested: the {deadline_s:g} s deadline was reached"
            continue
        codes = {str(c) for c in (api_op.responses if api_op else {})}
        tolerate = set()
        if api_op is not None and api_op.security:
            tolerate |= {c for c in _TOLERATED_AUTH if str(c) not in codes}
        if (plans.get(key) or {}).get("pattern") == "login" and "401" not in codes:
            tolerate.add(401)  # made-up credentials are wrong ones, whatever the document says
        if "{" in operation.path and "404" not in codes:
            tolerate.add(404)
        no_body: set[int] = set()
        if api_op is not None and body_requires_fields(doc, api_op):
            no_body = {c for c in _TOLERATED_NO_BODY if str(c) not in codes}
        creds = sign_in(doc, base_url) if _signs_out(plans, result.key) else signed_in
        result.no_credentials = locked and not creds
        result.secured = api_op is not None and bool(api_op.security)
        _exercise(operation, result, base_url, tolerate, max_examples, no_body, known, creds)
    return results


@dataclass
class Credentials:
    """What a signed-in client sends: headers, query parameters, cookies."""

    headers: dict[str, str] = field(default_factory=dict)
    params: dict[str, str] = field(default_factory=dict)
    cookies: dict[str, str] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.headers or self.params or self.cookies)


_PASSWORD_WORDS = ("password", "pass", "passphrase", "secret")
_TOKEN_WORDS = ("token", "jwt", "apikey", "key")


def _signs_out(plans: dict[str, dict[str, Any]], key: str) -> bool:
    """Operations that would end the session (or the account, or its key) the run signed in
    with: they get credentials of their own."""
    plan = plans.get(key) or {}
    if plan.get("pattern") in ("logout", "issue_key"):  # a new key may replace the one held
        return True
    return key.startswith("DELETE ") and key.endswith("/me")


def sign_in(doc: dict[str, Any], base_url: str) -> Credentials:
    """Credentials obtained the way the document says a client gets them: an API key from the
    operation that issues one, else a sign-up and (where there is one) a sign-in, whose token or
    cookie goes where the document's security schemes put it. Empty where the document gives no
    way, or the app's answers do not hold one."""
    import httpx

    plans = plan_operations(doc)
    by_pattern: dict[str, str] = {}
    for key, plan in plans.items():
        by_pattern.setdefault(str(plan.get("pattern")), key)
    ops = {op.key: op for op in read_operations(doc)}
    tag = secrets.token_hex(4)
    login, password = f"cbg{tag}", f"Contract-{tag}-tests!"
    found = Credentials()
    try:
        with httpx.Client(base_url=base_url, timeout=REQUEST_TIMEOUT_S) as client:
            if "issue_key" in by_pattern:
                op = ops[by_pattern["issue_key"]]
                answer = _post(client, doc, op, login, password)
                return _attach(doc, _token(answer), answer)
            for pattern in ("register", "login"):
                if pattern in by_pattern:
                    answer = _post(client, doc, ops[by_pattern[pattern]], login, password)
                    token = _token(answer)
                    if token or answer.cookies:
                        found = _attach(doc, token, answer)
                    elif pattern == "register" and answer.status_code < 300:
                        op = ops[by_pattern[pattern]]
                        props = _properties(doc, _resolve(doc, _body_schema(doc, op)))
                        email = any("email" in name.lower() for name in props)
                        found = _basic(doc, f"{login}@example.com" if email else login, password)
    except (httpx.HTTPError, ValueError, KeyError):
        return found
    return found


def _post(client: Any, doc: dict[str, Any], op: Any, login: str, password: str) -> Any:
    """POST a body its schema accepts, with the login name and password in their fields."""
    media = next(iter(op.request_types), "application/json")
    schema = _resolve(doc, _body_schema(doc, op))
    body: dict[str, Any] = {}
    props = _properties(doc, schema)
    for name, prop in props.items():
        prop = _resolve(doc, prop)
        word = re.sub(r"[^a-z]", "", name.lower())
        if any(w == word or word.endswith(w) for w in _PASSWORD_WORDS):
            body[name] = password
        elif prop.get("format") == "email" or "email" in word:
            body[name] = f"{login}@example.com"
        elif prop.get("type") in ("string", None) and not prop.get("enum"):
            body[name] = login
        elif isinstance(prop.get("enum"), list) and prop["enum"]:
            body[name] = prop["enum"][0]
        elif prop.get("type") in ("integer", "number"):
            body[name] = prop.get("minimum", 1)
        elif prop.get("type") == "boolean":
            body[name] = True
    path = op.path
    if "x-www-form-urlencoded" in media or "multipart" in media:
        return client.post(path, data=body)
    return client.post(path, json=body)


def _token(answer: Any) -> str:
    """The token or key a JSON answer holds (a property named so, at the top or one down)."""
    try:
        body = answer.json()
    except ValueError:
        return ""
    if answer.status_code >= 300 or not isinstance(body, dict):
        return ""
    nested = [v for v in body.values() if isinstance(v, dict)]
    for place in [body, *nested]:
        for name, value in place.items():
            word = re.sub(r"[^a-z]", "", str(name).lower())
            if isinstance(value, str) and value and word.endswith(_TOKEN_WORDS):
                if "refresh" not in word and word != "tokentype":
                    return value
    return ""


def _attach(doc: dict[str, Any], token: str, answer: Any) -> Credentials:
    """`token` (and the cookies `answer` set) where each security scheme of `doc` looks."""
    found = Credentials(cookies=dict(answer.cookies))
    schemes = _resolve(doc, _resolve(doc, doc.get("components")).get("securitySchemes"))
    for raw in schemes.values():
        scheme = _resolve(doc, raw)
        kind, where, name = scheme.get("type"), scheme.get("in"), str(scheme.get("name", ""))
        if not token:
            continue
        if kind == "apiKey" and where == "header" and name:
            found.headers[name] = token
        elif kind == "apiKey" and where == "query" and name:
            found.params[name] = token
        elif kind == "apiKey" and where == "cookie" and name:
            found.cookies.setdefault(name, token)
        elif kind in ("oauth2", "openIdConnect") or (
            kind == "http" and str(scheme.get("scheme", "")).lower() == "bearer"
        ):
            found.headers["Authorization"] = f"Bearer {token}"
    return found


def _basic(doc: dict[str, Any], login: str, password: str) -> Credentials:
    """HTTP Basic credentials where the document's only way in is Basic, else none."""
    schemes = _resolve(doc, _resolve(doc, doc.get("components")).get("securitySchemes"))
    kinds = {
        (str(_resolve(doc, s).get("type")), str(_resolve(doc, s).get("scheme", "")).lower())
        for s in schemes.values()
    }
    if ("http", "basic") not in kinds:
        return Credentials()
    sent = base64.b64encode(f"{login}:{password}".encode()).decode()
    return Credentials(headers={"Authorization": f"Basic {sent}"})


def _resolve(doc: dict[str, Any], node: Any) -> dict[str, Any]:
    for _ in range(8):
        if not (isinstance(node, dict) and isinstance(node.get("$ref"), str)):
            break
        target: Any = doc
        for part in node["$ref"].lstrip("#/").split("/"):
            target = target.get(part, {}) if isinstance(target, dict) else {}
        node = target
    return node if isinstance(node, dict) else {}


def _body_schema(doc: dict[str, Any], op: Any) -> Any:
    item = _resolve(doc, _resolve(doc, doc.get("paths")).get(op.path))
    body = _resolve(doc, _resolve(doc, item.get(op.method.lower())).get("requestBody"))
    content = _resolve(doc, body.get("content"))
    spec: Any = next(iter(content.values()), {}) if content else {}
    return _resolve(doc, spec).get("schema")


def _properties(doc: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    parts = schema.get("allOf")
    found: dict[str, Any] = {}
    for part in [schema, *(parts if isinstance(parts, list) else [])]:
        props = _resolve(doc, part).get("properties")
        found.update(props if isinstance(props, dict) else {})
    return found


def _exercise(
    operation: Any,
    result: OperationResult,
    base_url: str,
    tolerate: set[int],
    max_examples: int,
    no_body: set[int],
    known: dict[type, set[Any]] | None = None,
    creds: Credentials | None = None,
) -> None:
    """Up to `max_examples` generated requests; `tolerate`d codes are counted, not checked, and
    so are the `no_body` codes to a request without a body. Path parameters are also given ids
    from `known` (those earlier answers held), which the ids answered here join."""
    from schemathesis.checks import not_a_server_error
    from schemathesis.core import NotSet
    from schemathesis.core.failures import FailureGroup
    from schemathesis.specs.openapi.checks import (
        content_type_conformance,
        response_schema_conformance,
        status_code_conformance,
    )

    checks = [
        not_a_server_error,
        status_code_conformance,
        content_type_conformance,
        response_schema_conformance,
    ]

    known = known if known is not None else {int: set(), str: set()}
    strategy = _with_known_ids(operation, operation.as_strategy(), known)

    @settings(
        max_examples=max_examples,
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy)
    def probe(case: Any) -> None:
        try:
            response = case.call(
                base_url=base_url,
                timeout=REQUEST_TIMEOUT_S,
                headers=dict(creds.headers) if creds else None,
                params=dict(creds.params) if creds else None,
                cookies=dict(creds.cookies) if creds else None,
            )
        except Exception as exc:  # a refused or reset connection is a failure of the app
            _add(result, f"no answer: {_line(exc)}")
            return
        result.calls += 1
        _learn_ids(response, known)
        if response.status_code in tolerate or (
            response.status_code in no_body and isinstance(case.body, NotSet)
        ):
            result.tolerated += 1
            result.tolerated_codes.add(response.status_code)
            return
        try:
            case.validate_response(response, checks=checks)
        except (Exception, FailureGroup) as exc:  # one Failure, or a group of them
            for failure in getattr(exc, "exceptions", None) or [exc]:
                title = getattr(failure, "title", "") or _line(failure)
                _add(result, f"{title} ({response.status_code})")
            return
        if result.no_credentials and result.secured and response.status_code in _TOLERATED_AUTH:
            # a declared 401/403, as declared: right, but no proof the operation itself works
            result.tolerated += 1
            result.tolerated_codes.add(response.status_code)

    try:
        probe()
    except (Exception, FailureGroup) as exc:  # generation itself failed (an unsatisfiable schema)
        if not result.calls:
            result.error = f"no request could be generated: {_line(exc)}"


def _path_types(operation: Any) -> dict[str, type]:
    """{path parameter name: int or str}, as the document types each."""
    found: dict[str, type] = {}
    for param in getattr(operation, "path_parameters", None) or []:
        definition = getattr(param, "definition", None) or {}
        schema = definition.get("schema") or definition
        found[param.name] = int if schema.get("type") == "integer" else str
    return found


def _with_known_ids(operation: Any, strategy: Any, known: dict[type, set[Any]]) -> Any:
    """The generated cases, and as many again whose path ids are ones the app answered."""
    from hypothesis import strategies as st

    types = _path_types(operation)
    pools = {name: sorted(known[kind], key=str)[-20:] for name, kind in types.items()}
    if not types or not all(pools.values()):
        return strategy

    def named(case: Any, ids: dict[str, Any]) -> Any:
        case.path_parameters = {**(case.path_parameters or {}), **ids}
        return case

    ids = st.fixed_dictionaries({name: st.sampled_from(pool) for name, pool in pools.items()})
    return st.one_of(st.builds(named, strategy, ids), strategy)


def _learn_ids(response: Any, known: dict[type, set[Any]]) -> None:
    """Keep the ids ("id", "eventId") of a JSON answer (an object, a list of them, an
    envelope's)."""
    try:
        body = response.json()
    except Exception:  # not JSON: nothing to learn
        return
    items = body if isinstance(body, list) else [body]
    if isinstance(body, dict):
        items += [x for v in body.values() if isinstance(v, list) for x in v]
    for item in items:
        named = item if isinstance(item, dict) else {}
        ids = [v for k, v in named.items() if re.sub(r"[^a-z]", "", str(k).lower()).endswith("id")]
        for value in ids:  # "id", "eventId", "room_id"
            if isinstance(value, int) and not isinstance(value, bool):
                known[int].add(value)
            elif isinstance(value, str) and 0 < len(value) <= 100:
                known[str].add(value)


def _add(result: OperationResult, failure: str) -> None:
    if failure not in result.failures:
        result.failures.append(failure)


def _line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return (text[0] if text else type(exc).__name__)[:200]


def contract_tests_check(
    doc: dict[str, Any], base_url: str, served: dict[str, Any] | None, holder: dict[str, Any]
) -> tuple[CheckStatus, str, str]:
    """The "contract tests" check. Fails when an implemented operation answered outside the
    document; 501 stubs are counted as not implemented (the PR lists them), not failed here.
    Leaves the `ContractCounts` in holder["counts"]."""
    counts, lines, broken = tally(doc, served, run_contract_tests(doc, base_url))
    holder["counts"] = counts
    details = "\n".join(lines)
    if broken:
        shown = ", ".join(broken[:4]) + (", …" if len(broken) > 4 else "")
        return CheckStatus.FAILED, f"{counts.line()}; failing: {shown}", details
    return CheckStatus.PASSED, counts.line(), details


def tally(
    doc: dict[str, Any], served: dict[str, Any] | None, results: list[OperationResult]
) -> tuple[ContractCounts, list[str], list[str]]:
    """Counts, one line per operation, and the implemented operations that failed."""
    have = served_statuses(served or {})
    by_route = {route_key(*r.key.split(" ", 1)): r for r in results if " " in r.key}
    operations = read_operations(doc)
    counts = ContractCounts(operations=len(operations))
    broken: list[str] = []
    lines: list[str] = []
    for op in operations:
        route = route_key(op.method, op.path)
        codes, r = have.get(route), by_route.get(route) or OperationResult(op.key, error="no run")
        stub = codes is not None and "501" in codes
        counts.served += codes is not None
        counts.implemented += codes is not None and not stub
        counts.conformant += r.conformant and codes is not None and not stub
        counts.unverifiable += r.unverifiable and codes is not None and not stub
        if r.failures and not stub:
            broken.append(f"{op.key} ({r.failures[0]})")
        verdict = "not implemented (501)" if stub else r.verdict
        lines.append(f"{op.key}: {verdict} [{r.calls} requests, {r.tolerated} tolerated]")
    return counts, lines, broken


def conformant_operations(report: ValidationReport) -> set[str]:
    """The operations ("GET /stats") the report's contract tests found conformant."""
    found = next((c for c in report.checks if c.name == NAME), None)
    lines = found.details.splitlines() if found is not None else []
    return {ln.split(": conformant [", 1)[0] for ln in lines if ": conformant [" in ln}
