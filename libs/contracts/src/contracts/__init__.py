"""ISO-HCC integration events: the one place where event types, versions and payloads are declared."""

from contracts import registry
from contracts.catalogue import REGISTRY, UnknownEvent, event, lookup, topic_of, topics_of
from contracts.codec import CodecError
from contracts.envelope import Envelope, EnvelopeError, decode, encode, headers, wrap

__all__ = [
    "REGISTRY", "CodecError", "Envelope", "EnvelopeError", "UnknownEvent", "decode", "encode", "event",
    "headers", "lookup", "registry", "topic_of", "topics_of", "wrap",
]
