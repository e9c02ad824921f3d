from kit.migrations import run_env
from training.orm import Base

run_env(Base.metadata)
