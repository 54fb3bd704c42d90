from tests.worker.fixtures import *  # noqa: F403
