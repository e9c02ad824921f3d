"""ISO-HCC integration events: the one place where event types, versions and payloads are declared."""

import importlib
import pkgutil

from contracts.catalogue import REGISTRY, UnknownEvent, event, lookup, topic_of
from contracts.codec import CodecError
from contracts.envelope import Envelope, EnvelopeError, decode, encode, headers, wrap

# Every module of this package declares the events of one service; import them all so the catalogue is whole.
_INFRASTRUCTURE = {"asyncapi", "catalogue", "codec", "envelope"}
for _module in pkgutil.iter_modules(__path__):
    if _module.name not in _INFRASTRUCTURE:
        importlib.import_module(f"contracts.{_module.name}")

__all__ = [
    "REGISTRY", "CodecError", "Envelope", "EnvelopeError", "UnknownEvent", "decode", "encode", "event",
    "headers", "lookup", "topic_of", "wrap",
]
