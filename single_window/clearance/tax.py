"""The tax of a CBEC retail import inventory (财关税〔2016〕18号, rules.md §4), per line as the CEB816 tax bill has it.

Within the limits the tariff is 0 and VAT and consumption tax are levied at 70 %; a single indivisible item over the
single limit pays them in full, with the MFN tariff where the rate table has one. Per line, from its dutiable price
(taxPrice) and the rates in force on the date:

    consumption tax = (taxPrice + tariff) / (1 − CT rate) × CT rate × share
    VAT             = (taxPrice + tariff + full consumption tax) × VAT rate × share

share being 0.7 within the limits and 1 outside. Each amount is rounded half up to CEB816's five decimals (N19,5) on
its line, from the unrounded figures; the head is the sum of the lines. Specific (per-litre) consumption taxes of beer,
huang jiu and spirits are not computed: their rows carry only the ad valorem part (see the rows' notes).
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from single_window.clearance.dutiable import EXACT, PLACES, ZERO, dutiable_prices
from single_window.clearance.facts import InventoryFacts, LineFacts
from single_window.clearance.limits import Treatment
from single_window.clearance.rates import UNIT_MEASURES, Basis, RateTable, TaxRate, default_tax_rates, rates_for

ONE = Decimal(1)


@dataclass(frozen=True, slots=True)
class TaxPolicy:
    # 财关税〔2016〕18号: within the limits, 70 % of the statutory VAT and consumption tax.
    reduced_share: Decimal = Decimal("0.7")
    # CEB816's taxPrice, customsTax, valueAddedTax and consumptionTax are N19,5 (fields-import.md).
    places: Decimal = PLACES


@dataclass(frozen=True, slots=True)
class LineTax:
    gnum: int
    gcode: str
    tax_price: Decimal
    customs_tax: Decimal
    value_added_tax: Decimal
    consumption_tax: Decimal
    # Why a conditional consumption tax was or was not due, or that the table lacks a tariff rate.
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class TaxBill:
    treatment: Treatment
    lines: tuple[LineTax, ...]

    @property
    def customs_tax(self) -> Decimal:
        return sum((line.customs_tax for line in self.lines), ZERO)

    @property
    def value_added_tax(self) -> Decimal:
        return sum((line.value_added_tax for line in self.lines), ZERO)

    @property
    def consumption_tax(self) -> Decimal:
        return sum((line.consumption_tax for line in self.lines), ZERO)


def compute_tax(
    inventory: InventoryFacts,
    treatment: Treatment,
    on: date,
    *,
    rates: RateTable | None = None,
    policy: TaxPolicy = TaxPolicy(),
) -> TaxBill:
    """The tax bill of an inventory the limits let through, at the rates in force on ``on``."""
    if treatment == Treatment.REJECTED:
        raise ValueError("a rejected inventory is not taxed")
    table = default_tax_rates() if rates is None else rates
    prices = dutiable_prices(inventory)
    taxes = (
        _line_tax(line, price, rates_for(line.gcode, on, table), treatment, policy)
        for line, price in zip(inventory.lines, prices, strict=True)
    )
    return TaxBill(treatment, tuple(taxes))


def _line_tax(
    line: LineFacts, tax_price: Decimal, versions: Sequence[TaxRate], treatment: Treatment, policy: TaxPolicy
) -> LineTax:
    rate, ct_rate, ct_notes = _consumption_tax_rate(versions, line, tax_price)
    full = treatment == Treatment.FULL_TAX
    share = ONE if full else policy.reduced_share
    tariff_rate, tariff_notes = _tariff_rate(rate, line.gcode, full)
    tariff = EXACT.multiply(tax_price, tariff_rate)
    base = EXACT.add(tax_price, tariff)
    ct_full = EXACT.multiply(EXACT.divide(base, ONE - ct_rate), ct_rate)
    vat = EXACT.multiply(EXACT.multiply(EXACT.add(base, ct_full), rate.vat_rate), share)
    amounts = (tariff, vat, EXACT.multiply(ct_full, share))
    customs_tax, value_added_tax, consumption_tax = (EXACT.quantize(amount, policy.places) for amount in amounts)
    notes = (*ct_notes, *tariff_notes)
    return LineTax(line.gnum, line.gcode, tax_price, customs_tax, value_added_tax, consumption_tax, notes)


def _tariff_rate(rate: TaxRate, gcode: str, full: bool) -> tuple[Decimal, tuple[str, ...]]:
    if not full:
        return ZERO, ()
    if rate.mfn_tariff_rate is None:
        return ZERO, (f"no MFN tariff rate for {gcode} in the rate table ({rate.prefix}): customs duty 0",)
    return rate.mfn_tariff_rate, ()


def _consumption_tax_rate(
    versions: Sequence[TaxRate], line: LineFacts, tax_price: Decimal
) -> tuple[TaxRate, Decimal, tuple[str, ...]]:
    """The row that applies and its consumption tax rate: 0 when a price condition is not met."""
    conditional = [rate for rate in versions if rate.ct_min_unit_price is not None]
    if not conditional:
        return versions[0], versions[0].consumption_tax_rate, ()
    for rate in conditional:
        measured = measure(line, rate.ct_price_basis)
        if measured is not None:
            return _price_condition(rate, EXACT.divide(tax_price, measured))
    bases = " or ".join(rate.ct_price_basis for rate in conditional)
    note = f"consumption tax charged: the line declares no quantity in {bases} to test the price condition by"
    return conditional[0], conditional[0].consumption_tax_rate, (note,)


def _price_condition(rate: TaxRate, unit_price: Decimal) -> tuple[TaxRate, Decimal, tuple[str, ...]]:
    minimum = rate.ct_min_unit_price or ZERO
    due = unit_price >= minimum
    verdict = f"due: {unit_price:.2f} >= {minimum}" if due else f"not due: {unit_price:.2f} < {minimum}"
    note = f"consumption tax {rate.consumption_tax_rate:%} {verdict} CNY per {rate.ct_price_basis} ({rate.prefix})"
    return rate, rate.consumption_tax_rate if due else ZERO, (note,)


def measure(line: LineFacts, basis: Basis) -> Decimal | None:
    """The line's quantity in grams/millilitres or pieces: the declared unit first, then the legal and second ones."""
    for unit, qty in ((line.unit, line.qty), (line.unit1, line.qty1), (line.unit2, line.qty2)):
        unit_basis, factor = UNIT_MEASURES.get(unit, ("", ONE))
        if unit_basis == basis and qty:
            return EXACT.multiply(qty, factor)
    return None
