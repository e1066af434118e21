"""The helpline console: staff sign in, work the handoff queue, and administer users (issue 12).

Server-rendered pages under /console in our web service (bot/web.py registers `routes.blueprint`).
"""
