from inspections.orm import Base
from kit.migrations import run_env

run_env(Base.metadata)
