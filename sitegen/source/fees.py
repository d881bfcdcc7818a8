"""A program's fee: 'free', or an amount in an ISO 4217 currency, written with no more decimals than that
currency has."""
from __future__ import annotations

from decimal import Decimal, InvalidOperation

from babel.numbers import get_currency_precision, list_currencies

from ..foundation import limits
from ..foundation.model import Fee
from ..foundation.problems import did_you_mean
from .fields import Reader
from .wording import describe
from .yamlsource import YMap

CURRENCIES = frozenset(list_currencies())


def read_fee(reader: Reader) -> Fee | None:
    value = reader.raw("fee")
    if value is None:
        return None
    if value == "free":
        return Fee(free=True)
    if not isinstance(value, YMap):
        reader.error("fee", f"must be 'free' or {{amount, currency}}, not {describe(value)}",
                     "e.g. 'fee: free' or 'fee: {amount: 1500, currency: EUR}'")
        return None
    fee = reader.mapping("fee")
    amount = _read_amount(fee)
    currency = fee.text("currency", required=True)
    if currency is not None and currency not in CURRENCIES:
        fee.error("currency", f"'{currency}' is not an ISO 4217 currency code{did_you_mean(currency.upper(), CURRENCIES)}",
                  "use three capital letters, e.g. CNY, RUB, EUR")
        currency = None
    if amount is not None and currency is not None and not _fits_currency(fee, amount, currency):
        amount = None
    includes = fee.localized("includes", max_length=limits.TEXT)
    fee.finish()
    if amount is None or currency is None:
        return None
    return Fee(free=False, amount=amount, currency=currency, includes=includes)


def _read_amount(fee: Reader) -> Decimal | None:
    value = fee.raw("amount", required=True)
    try:
        amount = Decimal(str(value)) if value is not None and not isinstance(value, bool) else None
    except InvalidOperation:
        amount = None
    if value is not None and (amount is None or not amount.is_finite() or amount <= 0):
        fee.error("amount", f"must be a positive number, not '{value}'", "write the number without currency or spaces, e.g. 1500")
        return None
    if amount is not None and amount > limits.MAX_AMOUNT:
        fee.report_over_maximum("amount", value, limits.MAX_AMOUNT)
        return None
    # '1e3' is a thousand: pages, open data and JSON-LD show it as 1000, as a number is written there.
    return Decimal(format(amount, "f")) if amount is not None else None


def _fits_currency(fee: Reader, amount: Decimal, currency: str) -> bool:
    """An amount has no more decimals than its currency's smallest unit: 0.001 EUR would show as €0.00."""
    places, digits = max(0, -amount.normalize().as_tuple().exponent), get_currency_precision(currency)
    if places <= digits:
        return True
    fee.error("amount", f"{describe(fee.data['amount'])} has more decimal places than {currency} has ({digits})",
              f"round it to {digits} decimal places" if digits else f"round it to a whole number of {currency}")
    return False
