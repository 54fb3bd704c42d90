"""A small local GitHub for tests and ``codebegen demo``.

``StandIn`` serves GitHub's REST API (Enterprise layout, ``/api/v3/``) over real bare git repos
with ``git http-backend`` for clone/push, signs and delivers webhooks like GitHub, injects
faults on request, and records everything for assertions. See ``bot/standin/README.md``.
"""

from .api import ApiError, FaultRule
from .keys import generate_app_key
from .server import StandIn
from .state import State

__all__ = ["ApiError", "FaultRule", "StandIn", "State", "generate_app_key"]
