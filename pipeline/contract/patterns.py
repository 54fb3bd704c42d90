"""Each operation of an input OpenAPI document -> the pattern that implements it, or none. No I/O.

`plan_operations(doc)` reads the operations with their schemas (and the words around the
document) and returns, for each one codebegen builds, its plan (what the generated
`app/contract/operations.py` runs):

- create / list / read / update (PATCH) / replace (PUT) / delete on a collection: a path whose
  POST takes a JSON, form or multipart object (or a plain-text line that a GET reads back), and
  its item path `<collection>/{id}` (named by its id, or by a value the client gives, `{slug}`);
  a PUT at an item path with no POST makes the record there. Nested collections
  (`/posts/{postId}/comments`) are scoped by their parent path values and read across them
  (`/comments/mine`); `<collection>/search` and the like list the collection too;
- actions on an item (`/tasks/{id}/complete`, `/posts/{id}/like`, `/items/{id}/claim` with a
  body answering the item): what the verb names is set, and what the body sends is kept;
- view / aggregate / csv_export: a collection or an item as text, sums per a property, CSV;
- history: `<collection>/{id}/history`, the item's edits; attach / download: files;
- register / login / logout / me / issue_key: accounts, by their paths, a password in the body
  or a key in the answer.

This module is the entry point: it finds the collections that can be created and runs the
families, each in its own module: `planner` (one operation by the shape of its path), with
`listing` (order and ranges a list's words give), `actions` (what an action on an item sets) and
`views` (text views, files, CSV, summaries); `accounts` (sign-up, login, keys, gated sign-ups,
the accounts as a collection) and `containers` (a cart of counted items).

Conventions across operations are added by `pipeline.contract.constraints` (unique values,
references, spans, shared reads), `pipeline.contract.derived` (redirects, counters, facets,
views no collection path names), `memberships` (joins, capacity, owners), `schedules` (dates
derived from nested records), `rollups` (counts, sums, means and the nested records a record
shows; figures of a summary), `checkouts` (nested records open until an action ends them),
`moves` (the order a status moves in) and the other `mark_*` modules. An operation that fits none of
these has no plan: it is served as a 501 stub.
"""

from __future__ import annotations

from typing import Any

from pipeline.contract.accounts import (
    has_password,
    mark_directory,
    mark_from_owner,
    mark_gates,
    mark_me_counts,
)
from pipeline.contract.actions import STATE, acts_on_the_item, answers_the_item
from pipeline.contract.actors import mark_actors, mark_owner_names, mark_parent_owner_only
from pipeline.contract.adjustments import adjustment, mark_adjusted
from pipeline.contract.capacity import mark_capacities, mark_fixed_capacities
from pipeline.contract.checkouts import mark_checkouts
from pipeline.contract.conditions import mark_conditions
from pipeline.contract.constraints import (
    mark_links,
    mark_references,
    mark_shared,
    mark_shared_children,
    mark_spans,
    mark_unique_per_owner,
    mark_uniques,
)
from pipeline.contract.containers import plan_containers
from pipeline.contract.derived import (
    mark_child_counts,
    mark_facets,
    mark_redirects,
    mark_renderings,
    mark_view_counts,
)
from pipeline.contract.document import PROSE, ApiOperation, read_operations
from pipeline.contract.formulas import mark_formulas
from pipeline.contract.guards import mark_delete_guards
from pipeline.contract.ledgers import mark_ledgers
from pipeline.contract.memberships import (
    mark_creator_joins,
    mark_joinable_shared,
    mark_joins_by_verb,
    mark_memberships,
    mark_owner_fields,
)
from pipeline.contract.moves import mark_moves
from pipeline.contract.planner import Planner
from pipeline.contract.ratings import mark_own_children
from pipeline.contract.rollups import mark_rollups, mark_summaries
from pipeline.contract.schedules import mark_child_dates
from pipeline.contract.schemas import Schemas, collection_path, is_param, path_segments
from pipeline.contract.states import mark_transition_states
from pipeline.contract.versions import mark_versions
from pipeline.contract.views import IMPORT, sends_a_file

_SINGLE = {"GET": "single_read", "PUT": "single_write", "DELETE": "single_delete"}
_BODY_TYPES = ("application/json", "application/x-www-form-urlencoded", "multipart/form-data")

__all__ = ["STATE", "body_requires_fields", "plan_operations"]


def body_requires_fields(doc: dict[str, Any], op: ApiOperation) -> bool:
    """Whether `op`'s request body, as `doc` describes it, cannot be left out: its schema requires
    properties (whether or not the document marks the body itself `required`)."""
    return Schemas(doc).body_requires_fields(op)


def _open_lists(ops: list[ApiOperation], plans: dict[str, dict[str, Any]]) -> frozenset[str]:
    """Collections listed (or read one by one) by anyone, no sign-in asked, that signed-in
    callers write to."""
    listed = {
        str(plans[op.key].get("collection"))
        for op in ops
        if op.key in plans and plans[op.key].get("pattern") in ("list", "read") and not op.security
    }
    written = {
        str(plans[op.key].get("collection"))
        for op in ops
        if op.key in plans and op.method != "GET" and op.security
    }
    return frozenset(listed & written)


def _refused_writes(ops: list[ApiOperation], plans: dict[str, dict[str, Any]]) -> frozenset[str]:
    """Top-level collections where changing one record (PATCH, PUT, DELETE, an action) declares
    403: a record someone may see but not change, so signed-in callers see each other's."""
    return frozenset(
        str(plans[op.key].get("collection"))
        for op in ops
        if op.key in plans
        and op.method in ("PATCH", "PUT", "DELETE", "POST")
        and "403" in op.responses
        and op.security
        and "{}" not in str(plans[op.key].get("collection"))
        and plans[op.key].get("id_param")
    )


def _adjusts(op: ApiOperation, creates: dict[str, str], schemas: Schemas) -> bool:
    """ "POST /items/{id}/sell" with a quantity, answering the item: an action moving its counts
    (`pipeline.contract.adjustments`), not a record made below it."""
    segments = path_segments(op.path)
    if len(segments) < 3 or not is_param(segments[-2]) or is_param(segments[-1]):
        return False
    above = collection_path(segments[:-2])
    moved = adjustment(op, segments[-1], above, creates=creates, schemas=schemas)
    return bool(moved) and answers_the_item(op, above, creates=creates, schemas=schemas)


def _info(doc: dict[str, Any]) -> dict[str, Any]:
    info = doc.get("info")
    return info if isinstance(info, dict) else {}


def _makes_one_below(op: ApiOperation, schemas: Schemas) -> bool:
    """A POST with no body below an item that answers 201 with a record of its own
    ("POST /bikes/{id}/rentals": the caller's rental of that bike)."""
    segments = path_segments(op.path)
    return (
        not op.request_types
        and str(op.success) == "201"
        and len(segments) >= 3
        and is_param(segments[-2])
        and segments[-1].lower().endswith("s")
        and schemas.response_kind(op) == "object"
        and any(n.lower() == "id" for n in schemas.response_properties(op))
    )


def plan_operations(doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """{"GET /notes": {"pattern": "list", "collection": "/notes", ...}} for each operation built."""
    ops = read_operations(doc)
    schemas = Schemas(doc)
    creates = {
        collection_path(path_segments(op.path)): op.key
        for op in ops
        if op.method == "POST"
        and path_segments(op.path)
        and not is_param(path_segments(op.path)[-1])
        and not has_password(op, schemas)  # passwords are never stored as a record's field
        and (
            any(
                t in _BODY_TYPES or t.endswith("+json") or t == "text/plain"
                for t in op.request_types
            )
            or _makes_one_below(op, schemas)
        )
    }
    for op in ops:  # "POST /tanks/import" sending a file: an import into "/tanks", not records
        segments = path_segments(op.path)
        here = collection_path(segments)
        if creates.get(here) == op.key and segments[-1].lower() in IMPORT:
            if collection_path(segments[:-1]) in creates and sends_a_file(op, schemas):
                del creates[here]
    for op in ops:  # "POST /items/{id}/claim" with a body, answering the item: an action
        segments = path_segments(op.path)
        here = collection_path(segments)
        if creates.get(here) == op.key and (
            acts_on_the_item(op, creates, schemas) or _adjusts(op, creates, schemas)
        ):
            del creates[here]
    for op in ops:  # "PUT /settings/{key}" with no "POST /settings": PUT makes and replaces
        segments = path_segments(op.path)
        if (
            op.method == "PUT"
            and len(segments) >= 2
            and is_param(segments[-1])
            and collection_path(segments[:-1]) not in creates
            and not has_password(op, schemas)
            and schemas.body_properties(op)
        ):
            creates[collection_path(segments[:-1])] = op.key
    singles = {
        op.path
        for op in ops
        if op.method == "PUT"
        and path_segments(op.path)
        and not any(is_param(s) for s in path_segments(op.path))
        and collection_path(path_segments(op.path)) not in creates
    }
    plans: dict[str, dict[str, Any]] = plan_containers(ops, creates, schemas)
    for op in ops:
        if op.key in plans:
            continue
        single = op.path in singles and op.method in _SINGLE and not has_password(op, schemas)
        if single:  # "my own" one-of-a-kind resource
            plans[op.key] = {"pattern": _SINGLE[op.method], "collection": op.path, "parents": []}
            continue
        plan = Planner(op, creates, schemas).plan()
        if plan is not None:
            plans[op.key] = plan
    mark_gates(ops, plans, schemas)
    mark_directory(ops, plans, schemas)
    mark_me_counts(ops, plans, creates, schemas)
    mark_from_owner(ops, plans, creates, schemas)
    mark_redirects(ops, plans, creates, schemas)
    mark_facets(ops, plans, creates, schemas)
    mark_view_counts(ops, plans, creates, schemas)
    mark_renderings(ops, plans, creates, schemas)
    mark_spans(ops, plans, schemas)
    mark_child_counts(plans, creates, schemas)
    mark_own_children(ops, plans, creates, schemas)
    mark_memberships(ops, plans, creates, schemas)
    mark_joins_by_verb(ops, plans, creates, schemas)
    mark_owner_fields(ops, plans, creates, schemas)
    mark_child_dates(ops, plans, creates, schemas)
    mark_ledgers(ops, plans, creates, schemas)
    mark_adjusted(plans, creates, schemas)
    mark_versions(ops, plans, creates, schemas)
    mark_rollups(plans, creates, schemas)
    mark_formulas(plans, creates, schemas)
    mark_capacities(plans, creates, schemas)
    mark_fixed_capacities(ops, plans, schemas)
    mark_summaries(ops, plans, creates, schemas)
    mark_conditions(ops, plans, creates, schemas)
    said = str(doc.get(PROSE, "")) + "\n\n" + str(_info(doc).get("description", ""))
    mark_shared(plans, said, _open_lists(ops, plans), _refused_writes(ops, plans))
    mark_joinable_shared(plans)
    mark_creator_joins(plans, said)
    mark_delete_guards(ops, plans, creates, schemas)  # before: a state's 409 is no taken value
    mark_uniques(ops, plans, schemas)
    mark_unique_per_owner(plans, said)
    mark_shared_children(ops, plans, creates, schemas)
    mark_references(ops, plans, creates, schemas)
    mark_links(ops, plans, creates, schemas)
    mark_checkouts(plans, creates, schemas)
    mark_moves(ops, plans, creates, schemas)
    mark_actors(ops, plans, creates, schemas)
    mark_owner_names(plans, creates, schemas)
    mark_parent_owner_only(ops, plans, creates, schemas)
    mark_transition_states(ops, plans, creates, schemas)
    return plans
