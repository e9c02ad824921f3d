from kit.migrations import run_env
from registry.orm import Base

run_env(Base.metadata)
