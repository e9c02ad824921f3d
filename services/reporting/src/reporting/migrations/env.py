from kit.migrations import run_env
from reporting.orm import Base

run_env(Base.metadata)
