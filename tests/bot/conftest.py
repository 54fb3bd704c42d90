from tests.standin.fixtures import *  # noqa: F403
from tests.worker.fixtures import *  # noqa: F403
