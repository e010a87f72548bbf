"""The load test of issue 12: simulated users of every role against the production processes, on loopback only.

    DJANGO_DEBUG=true python manage.py loadtest --users 50 --duration 180

`deployment` makes a database of its own (migrate, the demo, `generate_volume --scale ci`) and starts
`bin/production web` and `worker` against it; `locustfile` is what each simulated user does (locust, headless, in a
subprocess of its own: it patches the standard library with gevent); `driver` runs the two phases (steady, then
the Celery worker killed with SIGKILL and restarted while reports are queued and running) and `checks` finds every
write again afterwards. The figures and what is relaxed for loopback are in docs/performance.md ("Load test").
"""
