"""Identifiers as real systems write them: upper-case guids, air waybill numbers, per-run serials."""

import random
import uuid
from dataclasses import dataclass
from datetime import date, datetime

# The most orders one run numbers: the serial keeps six digits for them (copNo is C0..20 in CEB621).
MAX_ORDERS = 999_999
# Airlines flying parcels from each origin, with their IATA air waybill prefix.
AIRLINES_BY_ORIGIN = {
    "116": (("NH", "205"), ("JL", "131")),
    "133": (("KE", "180"), ("OZ", "988")),
    "502": (("UA", "016"), ("CA", "999")),
    "501": (("AC", "014"), ("CA", "999")),
    "601": (("QF", "081"), ("MU", "781")),
    "609": (("NZ", "086"), ("CZ", "784")),
    "110": (("CX", "160"),),
    "143": (("BR", "695"), ("CI", "297")),
    "132": (("SQ", "618"),),
    "136": (("TG", "217"),),
}
EUROPEAN_AIRLINES = (("LH", "020"), ("AF", "057"), ("CA", "999"))
CHINESE_AIRLINES = (("CA", "999"), ("MU", "781"), ("CZ", "784"), ("CK", "112"))
VESSELS = (("COSCO SHIPPING ARIES", "COSU"), ("EVER GIVEN", "EGLV"), ("MSC GULSUN", "MEDU"), ("CMA CGM JULES", "CMDU"))


@dataclass(frozen=True)
class Transport:
    """How the goods cross the border: transport mode, vessel or flight, voyage, bill of lading or air waybill."""

    traf_mode: str
    traf_no: str
    voyage_no: str
    bill_no: str


def guid(rng: random.Random) -> str:
    """A 36-character upper-case UUID (the XSD: 36位唯一序号（英文字母大写）), drawn from the run's generator."""
    return str(uuid.UUID(int=rng.getrandbits(128), version=4)).upper()


def run_serials(rng: random.Random, orders: int) -> list[str]:
    """Twelve digits per order: a block drawn once per run, then the order's place, so a run never repeats one."""
    if not 0 <= orders <= MAX_ORDERS:
        raise ValueError(f"one run generates at most {MAX_ORDERS} orders, not {orders}")
    block = rng.randrange(10**6)
    return [f"{block:06d}{index:06d}" for index in range(1, orders + 1)]


def air_waybill(rng: random.Random, prefix: str) -> str:
    """IATA master air waybill: airline prefix, seven-digit serial and its check digit (serial mod 7)."""
    serial = rng.randrange(10**7)
    return f"{prefix}-{serial:07d}{serial % 7}"


def inbound_flight(rng: random.Random, origin: str, arrival: date) -> Transport:
    """Air freight (trafMode 5) from the goods' origin; the voyage is the flight date, as customs expects."""
    european = origin.startswith("3")
    airlines = AIRLINES_BY_ORIGIN.get(origin, EUROPEAN_AIRLINES if european else CHINESE_AIRLINES)
    airline, prefix = rng.choice(airlines)
    return Transport("5", f"{airline}{rng.randrange(100, 1000)}", f"{arrival:%Y%m%d}", air_waybill(rng, prefix))


def outbound_flight(rng: random.Random, departure: date) -> Transport:
    airline, prefix = rng.choice(CHINESE_AIRLINES)
    return Transport("5", f"{airline}{rng.randrange(100, 1000)}", f"{departure:%Y%m%d}", air_waybill(rng, prefix))


def outbound_vessel(rng: random.Random) -> Transport:
    """Sea freight (trafMode 2) to an overseas warehouse: vessel, voyage like 025E, the carrier's bill of lading."""
    vessel, carrier = rng.choice(VESSELS)
    return Transport("2", vessel, f"{rng.randrange(1, 100):03d}E", f"{carrier}{rng.randrange(10**10):010d}")


def compact(moment: datetime) -> str:
    """YYYYMMDDhhmmss, the CEB time format."""
    return f"{moment:%Y%m%d%H%M%S}"
