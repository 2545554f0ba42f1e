"""Realistic, mutually consistent CEB message sets: orders, payments, waybills and inventories of the demo enterprises.

rng = random.Random(7)
sets = generate_import_sets(rng, 100, lines=5, start=datetime(2025, 1, 6, 9))
body = ceb311_message(sets)  # one CEB311 carrying 100 orders
"""

from single_window.generator.export_messages import ceb303_message, ceb403_message, ceb505_message, ceb603_message
from single_window.generator.export_sets import generate_export_sets
from single_window.generator.files import EXPORT_MESSAGES, IMPORT_MESSAGES, Run, batched, message_files, write_run
from single_window.generator.import_messages import (
    ceb311_message,
    ceb411_message,
    ceb511_message,
    ceb513_message,
    ceb621_message,
)
from single_window.generator.import_sets import generate_import_sets
from single_window.generator.model import ExportSet, ImportSet, OrderSet
from single_window.generator.parties import Enterprises, Party, demo_enterprises
from single_window.generator.people import id_check_digit, is_valid_id_number

__all__ = [
    "EXPORT_MESSAGES",
    "IMPORT_MESSAGES",
    "Enterprises",
    "ExportSet",
    "ImportSet",
    "OrderSet",
    "Party",
    "Run",
    "batched",
    "ceb303_message",
    "ceb311_message",
    "ceb403_message",
    "ceb411_message",
    "ceb505_message",
    "ceb511_message",
    "ceb513_message",
    "ceb603_message",
    "ceb621_message",
    "demo_enterprises",
    "generate_export_sets",
    "generate_import_sets",
    "id_check_digit",
    "is_valid_id_number",
    "message_files",
    "write_run",
]
