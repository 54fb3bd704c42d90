"""A small, hand-written project shaped like a generated one, for testing the validator itself.

It does not come from the renderer on purpose: the validator's tests must not depend on the
templates, and each test breaks one thing in a known-good project to see exactly one check fail.
"""

from __future__ import annotations

import textwrap

FILES = {
    "app/__init__.py": '"""Items API."""\n',
    "app/core/__init__.py": "",
    "app/core/config.py": '''
        """Settings from the environment."""

        import os

        DATABASE_URL = os.environ.get("DATABASE_URL", "sqlite:///./app.db")
        SECRET_KEY = os.environ["SECRET_KEY"]
    ''',
    "app/db/__init__.py": "",
    "app/db/session.py": '''
        """Engine, sessions and the model base."""

        from collections.abc import Iterator

        from sqlalchemy import String, create_engine
        from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker

        from app.core.config import DATABASE_URL

        engine = create_engine(DATABASE_URL)
        SessionLocal = sessionmaker(engine)


        class Base(DeclarativeBase):
            pass


        class Item(Base):
            __tablename__ = "items"

            id: Mapped[int] = mapped_column(primary_key=True)
            name: Mapped[str] = mapped_column(String(100), unique=True)


        def get_session() -> Iterator[Session]:
            with SessionLocal() as session:
                yield session
    ''',
    "app/main.py": '''
        """The app."""

        from collections.abc import AsyncIterator
        from contextlib import asynccontextmanager

        from fastapi import Depends, FastAPI, HTTPException
        from pydantic import BaseModel
        from sqlalchemy.orm import Session

        from app.db.session import Base, Item, engine, get_session


        @asynccontextmanager
        async def lifespan(app: FastAPI) -> AsyncIterator[None]:
            Base.metadata.create_all(engine)
            yield


        app = FastAPI(title="Items API", lifespan=lifespan)


        class ItemIn(BaseModel):
            name: str


        class ItemOut(ItemIn):
            id: int


        @app.get("/health")
        def health() -> dict[str, str]:
            return {"status": "ok"}


        @app.post("/items", status_code=201, response_model=ItemOut)
        def create_item(body: ItemIn, session: Session = Depends(get_session)) -> Item:
            item = Item(name=body.name)
            session.add(item)
            session.commit()
            return item


        @app.get("/items/{item_id}", response_model=ItemOut)
        def read_item(item_id: int, session: Session = Depends(get_session)) -> Item:
            item = session.get(Item, item_id)
            if item is None:
                raise HTTPException(status_code=404, detail="Item not found")
            return item
    ''',
    "alembic.ini": """
        [alembic]
        script_location = alembic
    """,
    "alembic/env.py": '''
        """Alembic environment: migrates DATABASE_URL."""

        from alembic import context
        from sqlalchemy import create_engine

        from app.core.config import DATABASE_URL
        from app.db.session import Base

        connectable = create_engine(DATABASE_URL)
        with connectable.connect() as connection:
            context.configure(connection=connection, target_metadata=Base.metadata)
            with context.begin_transaction():
                context.run_migrations()
    ''',
    "alembic/versions/0001_initial.py": '''
        """Initial tables.

        Revision ID: 0001
        """

        import sqlalchemy as sa
        from alembic import op

        revision = "0001"
        down_revision = None
        branch_labels = None
        depends_on = None


        def upgrade() -> None:
            op.create_table(
                "items",
                sa.Column("id", sa.Integer(), primary_key=True),
                sa.Column("name", sa.String(length=100), nullable=False, unique=True),
            )


        def downgrade() -> None:
            op.drop_table("items")
    ''',
    "tests/__init__.py": "",
    "tests/conftest.py": '''
        """Tests run against DATABASE_URL, on fresh tables."""

        from collections.abc import Iterator

        import pytest
        from fastapi.testclient import TestClient

        from app.db.session import Base, engine
        from app.main import app


        @pytest.fixture
        def client() -> Iterator[TestClient]:
            Base.metadata.drop_all(engine)
            with TestClient(app) as client:
                yield client
    ''',
    "tests/test_items.py": '''
        """Items over HTTP."""

        from fastapi.testclient import TestClient


        def test_health(client: TestClient) -> None:
            assert client.get("/health").json() == {"status": "ok"}


        def test_create_then_read(client: TestClient) -> None:
            created = client.post("/items", json={"name": "pen"})
            assert created.status_code == 201
            item_id = created.json()["id"]
            assert client.get(f"/items/{item_id}").json() == {"id": item_id, "name": "pen"}


        def test_missing_item_is_404(client: TestClient) -> None:
            assert client.get("/items/999").status_code == 404
    ''',
    "pyproject.toml": """
        [project]
        name = "items-api"
        version = "0.1.0"

        [tool.black]
        line-length = 100

        [tool.ruff]
        line-length = 100

        [tool.ruff.lint]
        select = ["E", "F", "W", "I"]

        [tool.ruff.lint.isort]
        known-third-party = ["alembic"]

        [tool.pytest.ini_options]
        testpaths = ["tests"]
    """,
    "README.md": "# Items API\n",
    "Dockerfile": "FROM python:3.11-slim\n",
    "docker-compose.yml": "services: {}\n",
    ".env.example": """
        DATABASE_URL=postgresql+psycopg://app:app@db:5432/app
        SECRET_KEY=changethis
    """,
    "codebegen.yaml": """
        version: 1
        name: items-api
        entities:
        - name: Item
          fields:
          - name: name
            unique: true
    """,
    "app/models/item.py": '"""Item model (lives in app.db.session in this sample)."""\n',
    "app/schemas/item.py": '"""Item schemas (live in app.main in this sample)."""\n',
    "app/routers/items.py": '"""Item routes (live in app.main in this sample)."""\n',
}


def good_project() -> dict[str, str]:
    """The sample as {relative path: content}, dedented, every file ending in a newline."""
    out = {}
    for path, text in FILES.items():
        body = textwrap.dedent(text).strip("\n")
        out[path] = body + "\n" if body else ""
    return out
