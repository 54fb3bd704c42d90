"""An entity named in CamelCase ("**RepairJob**:") is the same thing as its words in prose
("repair jobs"): one entity RepairJob, never `Repairjob` beside a second `RepairJob`."""

from __future__ import annotations

import pytest

from pipeline.parse import parse_spec
from pipeline.parse.camel import spaced_names
from tests.parse.helpers import entity_names, field_types, relations


@pytest.mark.parametrize(
    "text",
    [
        "- **RepairJob**: problem, price\n- **Bike**: brand\n\nThe desk can create repair jobs.\n",
        "### Entities\n- RepairJob: problem, price\n- Bike: brand\n\nA RepairJob belongs to a Bike.\n",
        "## RepairJob\n- problem\n- price\n\n## Bike\n- brand\n\nRepairJobs belong to bikes.\n",
        "| entity | fields |\n|---|---|\n| RepairJob | problem, price |\n| Bike | brand |\n",
    ],
)
def test_a_camel_case_name_is_one_entity(text: str) -> None:
    spec = parse_spec(text)
    assert {"RepairJob", "Bike"} <= entity_names(spec)
    assert not {"Repairjob", "Job", "Repair"} & entity_names(spec)
    assert {"problem", "price"} <= set(field_types(spec, "RepairJob"))


def test_a_camel_case_link_is_kept() -> None:
    spec = parse_spec(
        "- RepairJob: problem, price\n- Bike: brand\n\nA RepairJob belongs to a Bike.\n"
    )
    assert ("many_to_one", "RepairJob", "Bike") in relations(spec)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "- **PrintJob** - file\nPrintJobs are queued.",
            "- **Print job** - file\nPrint jobs are queued.",
        ),
        ("Payments: PayPal later.\n- PayPal: none", "Payments: PayPal later.\n- PayPal: none"),
        ("We use GitHub and PostgreSQL.", "We use GitHub and PostgreSQL."),  # no label: as written
    ],
)
def test_spaced_names(text: str, expected: str) -> None:
    assert spaced_names(text) == expected
