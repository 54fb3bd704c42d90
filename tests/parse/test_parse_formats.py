"""Input formats: markdown lists and tables, the seed template, codebegen YAML, OpenAPI 3."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from pipeline.errors import SpecError
from pipeline.parse import parse_spec, parse_spec_with_notes
from pipeline.spec import FieldType, Operation
from tests.parse.helpers import entity_names, field_types, relations

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

# --- markdown ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "entity", "fields"),
    [
        (
            "- Doctors: full name, specialty",
            "Doctor",
            {"full_name": "string", "specialty": "string"},
        ),
        (
            "* **Doctor** - full name, specialty",
            "Doctor",
            {"full_name": "string", "specialty": "string"},
        ),
        (
            "1. Doctors (full name, specialty)",
            "Doctor",
            {"full_name": "string", "specialty": "string"},
        ),
        (
            "- Doctor\n  - full name\n  - hired on",
            "Doctor",
            {"full_name": "string", "hired_on": "date"},
        ),
        (
            "## Doctors\n- full name\n- salary",
            "Doctor",
            {"full_name": "string", "salary": "decimal"},
        ),
        (
            "## Entity: Doctor\nFields: full name, email",
            "Doctor",
            {"full_name": "string", "email": "email"},
        ),
        ("**Doctors:**\n- full name\n- bio", "Doctor", {"full_name": "string", "bio": "text"}),
        ("Doctors:\n- full name\n- rating", "Doctor", {"full_name": "string", "rating": "float"}),
        ("## Books (title, isbn)", "Book", {"title": "string", "isbn": "string"}),
        (
            "## Product\n| Field | Type | Required |\n|---|---|---|\n| name | string | yes |\n"
            "| price | decimal | yes |\n| weight | float | no |",
            "Product",
            {"name": "string", "price": "decimal", "weight": "float"},
        ),
        (
            "| Entity | Fields |\n|---|---|\n| Doctor | full name, specialty |\n| Patient | name |",
            "Doctor",
            {"full_name": "string", "specialty": "string"},
        ),
        (
            "- Orders\n  - status\n    - pending\n    - shipped\n  - total",
            "Order",
            {"status": "enum", "total": "decimal"},
        ),
    ],
)
def test_markdown_lists_headings_and_tables(text: str, entity: str, fields: dict[str, str]) -> None:
    assert field_types(parse_spec(text), entity) == fields


def test_table_required_column() -> None:
    spec = parse_spec(
        "## Product\n| Field | Type | Required |\n|---|---|---|\n| name | string | yes |\n"
        "| weight | float | no |"
    )
    assert [f.required for f in spec.entity("Product").fields] == [True, False]


def test_section_headings_are_not_entities() -> None:
    text = (
        "# Shop\n\n## Overview\nA small shop.\n\n## Entities\n- Products: name, price\n"
        "- Customers: name\n\n## Relationships\n- Each order belongs to a customer.\n\n"
        "## Requirements\n- Admins can do everything.\n\n## Notes\nKeep it simple.\n"
    )
    assert entity_names(parse_spec(text)) == {"User", "Product", "Customer", "Order"}


def test_endpoint_lines_name_entities() -> None:
    spec = parse_spec("## Endpoints\n- GET /api/v1/books\n- POST /books\n- GET /authors/{id}")
    assert entity_names(spec) == {"Book", "Author"}


# --- the seed template --------------------------------------------------------------------

TEMPLATE = """\
### API Description:
Build a recipe API. Recipes have a title and instructions. Users can leave reviews on recipes.

### Technical Context:
Domain: food
Tech Stack: fastapi, sqlite, sqlalchemy, jwt
Constraints: dockerized, tested

### Output Format:
Return JSON with:
{
  "files": { "path/to/file.py": "<full code>", ... }
}
"""


def test_seed_template() -> None:
    spec = parse_spec(TEMPLATE)
    assert entity_names(spec) == {"User", "Recipe", "Review"}
    assert (spec.domain, spec.database.value, spec.auth.value) == ("food", "sqlite", "jwt")
    assert [c.value for c in spec.constraints] == ["dockerized", "tested"]
    assert spec.description.startswith("Build a recipe API.")
    assert "Output Format" not in spec.description and "files" not in entity_names(spec)


def test_seed_template_without_colons_and_with_postgres() -> None:
    text = (
        "### API Description\nAn API to manage invoices and customers.\n\n"
        "### Technical Context\nDomain: finance\nTech Stack: FastAPI, PostgreSQL\n"
        "Constraints: dockerized, linted, tested\n"
    )
    spec = parse_spec(text)
    assert entity_names(spec) == {"Invoice", "Customer"}
    assert (spec.domain, spec.database.value, spec.auth.value) == ("finance", "postgresql", "none")
    assert len(spec.constraints) == 3


# --- codebegen's own YAML -------------------------------------------------------------------


@pytest.mark.parametrize(
    "example", ["blog.md", "shop.md", "clinic.md", "helpdesk.md", "petstore.md"]
)
def test_codebegen_yaml_round_trips(example: str) -> None:
    spec = parse_spec((EXAMPLES / example).read_text())
    assert parse_spec(f"Here it is:\n\n```yaml\n{spec.to_yaml()}```\n") == spec
    assert parse_spec(spec.to_yaml()) == spec


def test_codebegen_yaml_without_a_name_takes_one_from_the_words_around_it() -> None:
    text = "A recipe API:\n\n```yml\nentities:\n- name: Recipe\n  fields:\n  - name: title\n```\n"
    spec = parse_spec(text)
    assert (spec.name, spec.description) == ("recipe-api", "A recipe API:")


def test_invalid_codebegen_yaml_says_where() -> None:
    with pytest.raises(
        SpecError, match=r"entities\.0: entity name 'blog_posts' must be PascalCase"
    ):
        parse_spec("```yaml\nname: x\nentities:\n- name: blog_posts\n```")


def test_broken_yaml_is_a_spec_error() -> None:
    with pytest.raises(SpecError, match="not valid YAML"):
        parse_spec("```yaml\nname: x\nentities: [\n```")


# --- OpenAPI 3 ----------------------------------------------------------------------------


def test_openapi_petstore() -> None:
    spec, notes = parse_spec_with_notes((EXAMPLES / "petstore.md").read_text())
    pet, owner = spec.entity("Pet"), spec.entity("Owner")
    assert (pet.path, pet.id_param, pet.operations) == ("/pets", "pet_id", list(Operation))
    assert (owner.path, owner.id_param) == ("/owners", "owner_id")
    assert owner.operations == [Operation.CREATE, Operation.LIST, Operation.READ]
    assert field_types(spec, "Pet") == {
        "name": "string",
        "species": "enum",
        "birth_date": "date",
        "vaccinated": "boolean",
    }
    assert pet.field("name").max_length == 80 and pet.field("name").required
    assert not pet.field("birth_date").required
    assert pet.field("species").choices == ["dog", "cat", "bird", "fish"]
    assert relations(spec) == {("many_to_one", "Pet", "Owner")}
    assert not spec.relations[0].required
    assert "Error" not in entity_names(spec)
    assert any("/pets/{petId}/vaccinations" in n for n in notes)
    assert (spec.name, spec.title) == ("petstore-api", "Petstore")


def _openapi(schemas: dict, paths: dict, **extra: object) -> str:
    doc = {"openapi": "3.0.0", "info": {"title": "Things API", "version": "1"}, "paths": paths}
    doc["components"] = {"schemas": schemas, **extra}
    return "```json\n" + json.dumps(doc) + "\n```"


def _crud(schema: str) -> dict:
    ref = {"$ref": f"#/components/schemas/{schema}"}
    body = {"content": {"application/json": {"schema": ref}}}
    return {"get": {"responses": {"200": body}}, "post": {"requestBody": body, "responses": {}}}


def test_openapi_item_path_parameter_and_prefix() -> None:
    text = _openapi(
        {
            "Item": {
                "type": "object",
                "properties": {"id": {"type": "integer"}, "label": {"type": "string"}},
            }
        },
        {"/api/v1/items": _crud("Item"), "/api/v1/items/{itemId}": {"delete": {"responses": {}}}},
    )
    item = parse_spec(text).entity("Item")
    assert (item.path, item.id_param) == ("/api/v1/items", "item_id")
    assert item.operations == [Operation.CREATE, Operation.LIST, Operation.DELETE]
    assert [f.name for f in item.fields] == ["label"]


def test_openapi_references_become_relations() -> None:
    schemas = {
        "Author": {"type": "object", "properties": {"name": {"type": "string"}}},
        "Tag": {"type": "object", "properties": {"label": {"type": "string"}}},
        "Book": {
            "type": "object",
            "required": ["author"],
            "properties": {
                "title": {"type": "string"},
                "author": {"$ref": "#/components/schemas/Author"},
                "tags": {"type": "array", "items": {"$ref": "#/components/schemas/Tag"}},
                "price": {"type": "number"},
                "uuid": {"type": "string", "format": "uuid"},
            },
        },
    }
    spec = parse_spec(_openapi(schemas, {"/books": _crud("Book")}))
    assert relations(spec) == {("many_to_one", "Book", "Author"), ("many_to_many", "Book", "Tag")}
    assert field_types(spec, "Book") == {"title": "string", "price": "decimal", "uuid": "uuid"}


def test_openapi_bearer_security_is_jwt() -> None:
    security = {"securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}}}
    spec = parse_spec(_openapi({"Item": {"type": "object"}}, {"/items": _crud("Item")}, **security))
    assert spec.auth.value == "jwt"


def test_openapi_without_paths_uses_its_schemas() -> None:
    schemas = {
        "Note": {"type": "object", "properties": {"body": {"type": "string"}}},
        "Error": {"type": "object"},
    }
    assert entity_names(parse_spec(_openapi(schemas, {}))) == {"Note"}


def test_openapi_with_no_crud_over_a_schema_is_rejected() -> None:
    text = _openapi({"Item": {"type": "object"}}, {"/login": {"post": {"responses": {}}}})
    with pytest.raises(SpecError, match="/login"):
        parse_spec(text)


def test_swagger_2_is_rejected_with_a_hint() -> None:
    with pytest.raises(SpecError, match="Swagger 2.0") as raised:
        parse_spec(yaml.safe_dump({"swagger": "2.0", "paths": {}}))
    assert "OpenAPI 3" in str(raised.value)


def test_openapi_file_field_gets_an_upload() -> None:
    schemas = {
        "Doc": {"type": "object", "properties": {"file": {"type": "string", "format": "binary"}}}
    }
    spec = parse_spec(_openapi(schemas, {"/docs": _crud("Doc")}))
    assert spec.entity("Doc").field("file").type is FieldType.FILE
    assert [(u.entity, u.field) for u in spec.features.uploads] == [("Doc", "file")]


def test_openapi_inline_schemas_name_their_entity_after_the_path() -> None:
    schema = {
        "type": "object",
        "properties": {"title": {"type": "string"}, "done": {"type": "boolean"}},
    }
    body = {"content": {"application/json": {"schema": schema}}}
    paths = {
        "/todo-items": {"post": {"requestBody": body, "responses": {"201": body}}},
        "/todo-items/{id}": {"get": {"responses": {"200": body}}},
    }
    spec = parse_spec(_openapi({}, paths))
    item = spec.entity("TodoItem")
    assert (item.path, item.id_param) == ("/todo-items", "id")
    assert [f.name for f in item.fields] == ["title", "done"]
    assert item.operations == [Operation.CREATE, Operation.READ]


def test_a_section_of_the_persons_own_in_the_template_is_read_not_dropped() -> None:
    from pipeline.parse import understand as _understand

    text = (
        "### API Description\nA sheet music library for a choir.\n\n"
        "**Score**: title, composer\n**Loan**: borrowed on, returned on\n\n"
        "### Rules\n- singers sign up and log in\n- a singer sees only their own loans\n\n"
        "### Technical Context\nDatabase: sqlite\n"
    )
    spec = _understand(text).spec
    assert spec.auth.value == "jwt"  # it was "none": the Rules section was left unread
    loan = spec.entity("Loan")
    assert loan.owner and loan.read.value == "owner"  # "only their own loans"
    assert spec.database.value == "sqlite"


def test_an_openapi_property_named_on_keeps_its_name() -> None:
    """OpenAPI documents are YAML 1.2: `on` is a name, not YAML 1.1's boolean True."""
    document = (Path(__file__).with_name("lamps.yaml")).read_text(encoding="utf-8")
    assert field_types(parse_spec(document), "Lamp") == {
        "name": "string",
        "on": "boolean",
        "off_at": "datetime",
    }
    fenced = parse_spec(f"Our lamps service:\n\n```yaml\n{document}```\n")
    assert "on" in field_types(fenced, "Lamp")
