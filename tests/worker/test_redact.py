"""worker/redact.py: tokens never reach a log line or a stored failure."""

from __future__ import annotations

import logging

from worker import redact


def test_registered_secrets_are_masked():
    redact.register("s3cr3t-value-1234")
    assert redact.redact("push failed with s3cr3t-value-1234!") == "push failed with ***!"


def test_github_token_shapes_are_masked_even_unregistered():
    text = "token ghs_abcdefghijklmnopqrstuvwxyz0123456789 and Authorization: Basic eHl6Cg=="
    assert redact.redact(text) == "token *** and Authorization: Basic ***"


def test_log_records_are_masked_whatever_the_handler(caplog):
    redact.install_log_redaction()
    redact.register("another-secret-9876")
    with caplog.at_level(logging.INFO):
        logging.getLogger("some.library").info("using %s", "another-secret-9876")
        try:
            raise RuntimeError("boom another-secret-9876")
        except RuntimeError:
            logging.getLogger("x").exception("failed")
    assert "another-secret-9876" not in caplog.text
    assert "using ***" in caplog.text
