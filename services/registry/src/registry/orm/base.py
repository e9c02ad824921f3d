"""The registry's declarative base."""

from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

from kit.db import NAMING


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
