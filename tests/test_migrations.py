"""The migrations build exactly the tables the models describe, on SQLite and PostgreSQL."""

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, inspect
from sqlmodel import Session, col, select

from single_window.database import make_engine
from single_window.demo import DEMO_ENTERPRISES, seed_demo
from single_window.messages.models import BusinessDocument
from single_window.migrate import alembic_config, upgrade
from single_window.models import metadata
from tests.factories import message_row


def test_upgrading_an_empty_database_leaves_nothing_for_autogenerate(empty_database_url: str) -> None:
    upgrade(empty_database_url)
    engine = make_engine(empty_database_url)
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection, opts={"compare_type": True}), metadata)
    engine.dispose()
    assert differences == []


def test_downgrade_to_base_and_upgrade_again(empty_database_url: str) -> None:
    config = alembic_config(empty_database_url)
    command.upgrade(config, "head")
    command.downgrade(config, "base")
    engine = make_engine(empty_database_url)
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    command.upgrade(config, "head")
    assert {"enterprises", "filing_changes", "statistician_tokens", "worker_heartbeats"} <= set(
        inspect(engine).get_table_names()
    )
    engine.dispose()


def test_upgrading_twice_is_harmless(empty_database_url: str) -> None:
    upgrade(empty_database_url)
    upgrade(empty_database_url)


def _document(message_id: int, message_type: str, key: str, *, version: int = 1, declarant: str) -> BusinessDocument:
    return BusinessDocument(
        message_id=message_id,
        message_type=message_type,
        position=1,
        business_key=key,
        version=version,
        head_guid="127964DB-F54C-414C-AE39-96F1F0315D2C",
        declarant_code=declarant,
        app_type="1",
        head={},
    )


def _keys(engine: Engine) -> list[tuple[str, str, int]]:
    with Session(engine) as session:
        documents = session.exec(select(BusinessDocument).order_by(col(BusinessDocument.id))).all()
        return [(d.message_type, d.business_key, d.version) for d in documents]


def test_0009_names_enterprises_in_keys_by_customs_code_and_keys_of_an_inventory_number_by_their_declarant(
    empty_database_url: str,
) -> None:
    config = alembic_config(empty_database_url)
    command.upgrade(config, "0008")
    engine = make_engine(empty_database_url)
    platform_uscc = DEMO_ENTERPRISES[0].filing().uscc
    with Session(engine) as session:
        seed_demo(session)
        message = message_row()
        session.add(message)
        session.flush()
        assert message.id is not None
        session.add_all(
            [
                _document(message.id, "CEB311", f"{platform_uscc}|YC1", declarant="3301960001"),
                _document(message.id, "CEB311", f"{platform_uscc}|YC2", declarant="3301960001"),
                _document(message.id, "CEB311", "3301960001|YC2", declarant="3301960002"),
                _document(message.id, "CEB311", "3301960001|YC3", declarant="3301960001"),
                _document(message.id, "CEB623", "29002024I000123457", declarant="3301960005"),
            ]
        )
        session.commit()
    command.upgrade(config, "head")
    assert _keys(engine) == [
        ("CEB311", "3301960001|YC1", 1),
        ("CEB311", f"{platform_uscc}|YC2", 1),  # the customs-code spelling was declared too: left as it was
        ("CEB311", "3301960001|YC2", 1),
        ("CEB311", "3301960001|YC3", 1),
        ("CEB623", "3301960005|29002024I000123457", 1),
    ]
    command.downgrade(config, "0008")
    assert _keys(engine)[-1] == ("CEB623", "29002024I000123457", 1)
    engine.dispose()
