"""The migrations build exactly the tables the models describe, on SQLite and PostgreSQL."""

import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, inspect
from sqlmodel import Session, col, select

from single_window.database import make_engine
from single_window.db_types import UtcDateTime
from single_window.demo import DEMO_ENTERPRISES, seed_demo
from single_window.messages.models import BusinessDocument
from single_window.migrate import alembic_config, upgrade
from single_window.models import metadata
from single_window.receipts.serials import take_serials
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


# The messages table as revision 0008 left it, in the test's own copy: the model describes the latest revision.
MESSAGES_AS_OF_0008 = sa.table(
    "messages",
    sa.column("id", sa.Integer),
    *(sa.column(name, sa.String) for name in ("guid", "message_type", "sender_code", "body_sha256", "status")),
    sa.column("body", sa.LargeBinary),
    sa.column("via_envelope", sa.Boolean),
    sa.column("document_count", sa.Integer),
    sa.column("answer_status", sa.Integer),
    sa.column("recipients", sa.JSON),
    sa.column("answer", sa.JSON),
    sa.column("received_at", UtcDateTime),
)


def _message_as_of_0008(session: Session, *, status: str = "accepted") -> int:
    row = message_row(status=status)
    values = row.model_dump(include={column.name for column in MESSAGES_AS_OF_0008.c} - {"id"})
    inserted = session.execute(sa.insert(MESSAGES_AS_OF_0008).values(values).returning(MESSAGES_AS_OF_0008.c.id))
    message_id = inserted.scalar_one()
    assert isinstance(message_id, int)
    return message_id


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
        message_id = _message_as_of_0008(session)
        session.add_all(
            [
                _document(message_id, "CEB311", f"{platform_uscc}|YC1", declarant="3301960001"),
                _document(message_id, "CEB311", f"{platform_uscc}|YC2", declarant="3301960001"),
                _document(message_id, "CEB311", "3301960001|YC2", declarant="3301960002"),
                _document(message_id, "CEB311", "3301960001|YC3", declarant="3301960001"),
                _document(message_id, "CEB623", "29002024I000123457", declarant="3301960005"),
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


def _statuses_and_reasons(engine: Engine) -> list[tuple[str, str | None]]:
    with engine.connect() as connection:
        rows = connection.execute(sa.text("SELECT status, failure_reason FROM messages ORDER BY id"))
        return [(status, reason) for status, reason in rows]


def test_0010_gives_messages_set_aside_before_it_a_reason_and_its_downgrade_sends_claimed_ones_back(
    empty_database_url: str,
) -> None:
    config = alembic_config(empty_database_url)
    command.upgrade(config, "0009")
    engine = make_engine(empty_database_url)
    with Session(engine) as session:
        accepted, failed = _message_as_of_0008(session), _message_as_of_0008(session, status="failed")
        session.commit()
    command.upgrade(config, "0010")
    earlier = "set aside before revision 0010 counted attempts: see the worker log of the time"
    assert _statuses_and_reasons(engine) == [("accepted", None), ("failed", earlier)]
    with engine.begin() as connection:
        claim = "UPDATE messages SET status = 'in_progress', attempts = 1 WHERE id = :id"
        connection.execute(sa.text(claim), {"id": accepted})
    command.downgrade(config, "0009")
    with engine.connect() as connection:
        rows = connection.execute(sa.text("SELECT id, status, database_failures FROM messages ORDER BY id"))
        assert [tuple(row) for row in rows] == [(accepted, "accepted", 0), (failed, "failed", 0)]
    engine.dispose()


def test_0011_starts_the_serials_past_every_one_the_old_rule_could_have_given(empty_database_url: str) -> None:
    config = alembic_config(empty_database_url)
    command.upgrade(config, "0010")
    engine = make_engine(empty_database_url)
    with Session(engine) as session:
        message = message_row()
        session.add(message)
        session.commit()
        assert message.id is not None
        old_rejection_serials = 500_000_000 + (message.id + 1) * 100
    command.upgrade(config, "head")
    with Session(engine) as session:
        assert take_serials(session, 1) == [old_rejection_serials + 1]
    engine.dispose()
