"""`python -m bot.rasa_plugins.server run …`: `rasa run` with what this project needs of it.

- A tracker store that cannot save or read makes the turn fail, instead of Rasa quietly
  carrying on in memory (its FailSafeTrackerStore): the channel then tells the person to write
  again, and nothing is confirmed that was not saved.
- Bodies above MAX_BODY_BYTES are refused before they are read (memory grows with every token).
- `/` says the service is up without naming Rasa's version; every response carries nosniff.
- Logs are scrubbed of secrets and personal data (bot/redaction.py); Rasa's loggers, which print
  message texts and trackers below INFO, never go below INFO.
- Action calls carry no conversation history and their answers are checked against schemas
  compiled once (bot/rasa_plugins/action_calls.py).
- Event classes are looked up once (bot/rasa_plugins/event_types.py).
- What the process loaded to start is kept out of the garbage collector's full passes (bot/heap.py).
- Calls to the action server go over connections kept open (bot/rasa_plugins/endpoint_sessions.py).
- A conversation's tracker is kept between its turns while the database agrees
  (bot/rasa_plugins/tracker_cache.py, used by tracker_store.py).
- Option numbers and button payloads skip the neural NLU (bot/rasa_plugins/nlu_routes.py).
- The two next actions the rules leave no choice about skip the policy graph
  (bot/rasa_plugins/policy_routes.py).
- Claims on provider message ids left by a previous run in this place are released.
"""

from __future__ import annotations

import os
import sys

MAX_BODY_BYTES = 1024 * 1024


class TrackerStoreUnavailable(RuntimeError):
    """The conversation could not be read or saved."""


def _fail_loudly(error: Exception) -> None:
    raise TrackerStoreUnavailable(type(error).__name__) from error


def _install() -> None:
    from rasa.core import run
    from rasa.core.agent import Agent
    from rasa.core.tracker_store import FailSafeTrackerStore, InMemoryTrackerStore
    from sanic import response

    from bot import heap
    from bot.rasa_plugins import action_calls, endpoint_sessions, event_types, nlu_routes, policy_routes

    def create_tracker_store(store, domain):  # Agent._create_tracker_store, without the fallback
        if store is None:
            store = InMemoryTrackerStore(domain)
        store.domain = domain
        return FailSafeTrackerStore(store, on_tracker_store_error=_fail_loudly)

    Agent._create_tracker_store = staticmethod(create_tracker_store)
    action_calls.install()
    endpoint_sessions.install()
    nlu_routes.install()
    policy_routes.install()
    event_types.install()
    configure_app = run.configure_app

    def configure(*args, **kwargs):
        app = configure_app(*args, **kwargs)
        app.config.REQUEST_MAX_SIZE = MAX_BODY_BYTES

        @app.on_request
        async def root(request):
            if request.path == "/":
                return response.json({"status": "ok"})

        app.register_listener(heap.settle, "after_server_start")  # the model is loaded by then

        @app.after_server_stop
        async def close_sessions(app, loop):
            await endpoint_sessions.close_all()

        @app.on_response
        async def headers(request, resp):
            resp.headers.setdefault("X-Content-Type-Options", "nosniff")
            resp.headers.setdefault("Referrer-Policy", "no-referrer")

        return app

    run.configure_app = configure


def main() -> None:
    from bot import redaction
    from bot.channels.claims import release_stale_claims
    from bot.settings import get_settings

    settings = get_settings()
    redaction.install(settings)
    if os.environ.get("LOG_LEVEL", "INFO").upper() in ("DEBUG", "NOTSET"):
        os.environ["LOG_LEVEL"] = "INFO"  # Rasa's debug lines carry whole trackers
    release_stale_claims(settings.database_url)
    _install()
    from rasa.__main__ import main as rasa_main

    sys.argv = ["rasa", *sys.argv[1:]]
    rasa_main()


if __name__ == "__main__":
    main()
