"""What each simulated user does, for locust (headless, started by `kompotten.devtools.loadtest.driver`).

Each user takes the next account of the plan (LOADTEST_PLAN, a JSON file the driver writes), logs in once through
the login form, and then, a few seconds apart, opens the pages of its role and writes what its role writes:
eviction notices through the registration form, journal notes on its cases, report orders (managers, a bounded
number each). Every write carries a marker unique to the run, user and write, and is recorded (JSON lines) only
when the app confirmed it, so the driver can find every one in the database afterwards.

Django is not imported here: locust patches the standard library with gevent, and this file speaks HTTP only.
"""

import http.cookiejar
import itertools
import json
import os
import random
import re
from datetime import date, timedelta

import gevent
from locust import HttpUser, between, events, task
from locust.exception import StopUser

PLAN = json.loads(open(os.environ["LOADTEST_PLAN"], encoding="utf-8").read())  # noqa: SIM115, PTH123
ASSIGNMENTS = itertools.count()
IDENTITIES = itertools.count(PLAN["identity_offset"])
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
LANDLORD = re.compile(r'<datalist id="landlords">.*?<option value="([^"]+)"', re.DOTALL)
GIVEN_NAMES = ["Alva", "Bilal", "Cecilia", "Dragan", "Ebba", "Filip", "Hanna", "Ismail", "Jenny", "Kerstin"]
FAMILY_NAMES = ["Andersson", "Berg", "Eriksson", "Karlsson", "Lindqvist", "Nilsson", "Olsson", "Svensson"]
LINKS = {
    "case": re.compile(r'href="/arenden/(\d+)/"'),
    "request": re.compile(r'href="/arenden/(\d+)/forfragan/"'),
    "file": re.compile(r'href="/vrakning/arenden/(\d+)/"'),
    "application": re.compile(r'href="/bostad/ansokningar/(\d+)/"'),
}
TIMINGS: list[tuple[str, float, float, str | None]] = []  # (request, started, milliseconds, failure)


@events.init.add_listener
def record_every_request(environment, **kwargs):
    """Every request's time, for percentiles computed exactly (and without the logins) by the driver; the run
    stops by itself after PLAN["max_requests"] requests, whatever the time limit says."""

    @environment.events.request.add_listener
    def record(request_type, name, response_time, start_time, exception, **kwargs):
        TIMINGS.append((f"{request_type} {name}", start_time, response_time, exception and str(exception)))
        if len(TIMINGS) == PLAN["max_requests"]:
            gevent.spawn(environment.runner.quit)


@events.quitting.add_listener
def save_timings(environment, **kwargs):
    with open(PLAN["timings"], "w", encoding="utf-8") as timings:  # noqa: PTH123
        json.dump(TIMINGS, timings)


# The app marks its cookies Secure: TLS ends at the reverse proxy, which tells the app so (X-Forwarded-Proto: https,
# sent by every simulated user). On loopback the users talk to gunicorn directly, as the proxy would, so their
# cookie jars must send those cookies over the plain connection. requests makes a fresh jar for every request and
# redirect, with the default policy, so the policy itself is told (in this process only: locust's own).
http.cookiejar.DefaultCookiePolicy.return_ok_secure = lambda policy, cookie, request: True


def test_identity_number(serial: int) -> str:
    """A personnummer of Skatteverket's test series (birth numbers 980–999), born 2001–2010: none of the demo's or
    generate_volume's, so every notice opens a household of its own."""
    born = date(2001, 1, 1) + timedelta(days=serial % 3650)
    nine = f"{born:%y%m%d}{980 + serial // 3650}"
    total = sum(sum(divmod(int(digit) * (2 - index % 2), 10)) for index, digit in enumerate(nine))
    return f"{born:%Y%m%d}-{nine[6:]}{(10 - total % 10) % 10}"


class SimulatedUser(HttpUser):
    wait_time = between(PLAN["wait_seconds"][0], PLAN["wait_seconds"][1])

    def on_start(self):
        self.number = next(ASSIGNMENTS)
        self.account = PLAN["users"][self.number % len(PLAN["users"])]
        self.role = self.account["role"]
        self.writes = itertools.count(1)
        self.reports_left = PLAN["reports_each"] if self.role == "manager" else 0
        self.seen: dict[str, list[str]] = {kind: [] for kind in LINKS}
        self.identity_numbers: list[str] = []
        self.client.headers.update({"X-Forwarded-Proto": "https", "Origin": self.host.replace("http:", "https:")})
        self.log_in()

    def log_in(self):
        token = TOKEN.search(self.client.get("/logga-in/", name="/logga-in/").text).group(1)
        data = {"csrfmiddlewaretoken": token, "username": self.account["email"], "password": PLAN["password"]}
        with self.client.post("/logga-in/", data, name="/logga-in/ (POST)", catch_response=True) as response:
            if "/logga-in/" in response.url:
                response.failure("the login did not succeed")
                raise StopUser

    @task
    def act(self):
        if self.reports_left == PLAN["reports_each"] > 0:  # a manager orders first, so the worker has work early
            return self.order_report(first=True)
        actions = ROLE_ACTIONS[self.role]
        action = random.choices(list(actions), weights=list(actions.values()))[0]
        action(self)

    # Reading

    def page(self, path: str, name: str | None = None, collect: tuple[str, ...] = ()):
        response = self.client.get(path, name=name or path)
        for kind in collect:
            found = LINKS[kind].findall(response.text)
            if found:
                self.seen[kind] = found
        return response

    def detail(self, kind: str, template: str, name: str):
        if self.seen[kind]:
            self.page(template.format(random.choice(self.seen[kind])), name=name)

    def search(self):
        if self.identity_numbers and random.random() < 0.5:
            self.page(f"/arenden/personer/?q={random.choice(self.identity_numbers)}", "/arenden/personer/?q=[pnr]")
        elif random.random() < 0.5:
            self.page(
                f"/arenden/personer/?q={test_identity_number(random.randrange(3650))}", "/arenden/personer/?q=[pnr]"
            )
        else:
            self.page(f"/arenden/personer/?q={random.choice(FAMILY_NAMES)}", "/arenden/personer/?q=[name]")

    # Writing

    def marker(self) -> str:
        return f"{PLAN['marker']}-u{self.number:03d}-w{next(self.writes):04d}"

    def record(self, **write):
        with open(PLAN["records"], "a", encoding="utf-8") as records:  # noqa: PTH123
            records.write(json.dumps({"user": self.account["email"], **write}) + "\n")

    def write_note(self):
        """A journal note from a case page the user may work on (the page shows the note form only then)."""
        if not self.seen["case"]:
            return
        case = random.choice(self.seen["case"])
        page = self.page(f"/arenden/{case}/", name="/arenden/[id]/")
        if f'action="/arenden/{case}/anteckningar/ny/"' not in page.text:
            return
        marker = self.marker()
        data = {"csrfmiddlewaretoken": TOKEN.search(page.text).group(1), "text": f"Samtal med hyresgästen. {marker}"}
        with self.client.post(
            f"/arenden/{case}/anteckningar/ny/", data, name="/arenden/[id]/anteckningar/ny/ (POST)", catch_response=True
        ) as response:
            if response.url.endswith(f"/arenden/{case}/") and "Anteckningen är sparad." in response.text:
                self.record(kind="note", marker=marker, case=int(case))
            else:
                response.failure("the note was not confirmed")

    def register_notice(self):
        form = self.page("/vrakning/underrattelser/ny/")
        marker, number = self.marker(), test_identity_number(next(IDENTITIES))
        today = date.today()  # noqa: DTZ011 - the server's dates are Swedish; a day's difference is still valid
        data = {
            "csrfmiddlewaretoken": TOKEN.search(form.text).group(1),
            "received_on": today.isoformat(),
            "channel": "post",
            "sender_kind": "landlord",
            "sender_reference": marker,
            "kind": "termination",
            "reasons": ["rent_debt"],
            "rent_debt_capital": str(random.randrange(4000, 40000)),
            "served_on": (today - timedelta(days=3)).isoformat(),
            "tenant_given_name": random.choice(GIVEN_NAMES),
            "tenant_family_name": random.choice(FAMILY_NAMES),
            "tenant_identity_number": number,
            "street_address": f"Lastgatan {random.randrange(1, 90)}",
            "postal_code": "753 20",
            "landlord_name": LANDLORD.search(form.text).group(1),
            "landlord_kind": "private",
        }
        with self.client.post(
            "/vrakning/underrattelser/ny/", data, name="/vrakning/underrattelser/ny/ (POST)", catch_response=True
        ) as response:
            if "/vrakning/arenden/" in response.url and "Underrättelsen är registrerad" in response.text:
                self.identity_numbers.append(number)
                self.record(kind="notice", marker=marker)
            else:
                response.failure("the notice was not confirmed")

    def order_report(self, first: bool = False):
        if self.reports_left <= 0:
            self.page("/rapporter/")
            return
        self.reports_left -= 1
        start = self.page("/rapporter/")
        last_month = date.today().replace(day=1) - timedelta(days=1)  # noqa: DTZ011
        orders = [
            {"kind": "annual", "arsrapport-year": str(last_month.year - 1)},  # the longest to make: first
            {"kind": "monthly", "manad-month": f"{last_month:%Y-%m}", "manad-file_format": "csv"},
            {"kind": "monthly", "manad-month": f"{last_month:%Y-%m}", "manad-file_format": "pdf"},
        ]
        data = orders[0] if first else random.choice(orders)
        data["csrfmiddlewaretoken"] = TOKEN.search(start.text).group(1)
        with self.client.post(
            "/rapporter/bestall/", data, name="/rapporter/bestall/ (POST)", catch_response=True
        ) as response:
            run = re.search(r"/rapporter/korningar/(\d+)/$", response.url)
            if run:
                self.record(kind="report", run=int(run.group(1)))
            else:
                response.failure("the report order was not confirmed")


def _reads(*paths: str, collect: tuple[str, ...] = ()):
    def read(user: SimulatedUser):
        path = random.choice(paths)
        user.page(path, collect=collect)

    return read


ROLE_ACTIONS = {
    "eviction_caseworker": {
        _reads("/vrakning/arenden/", "/vrakning/arenden/?status=alla", collect=("file",)): 4,
        _reads("/vrakning/", "/vrakning/att-gora/", "/vrakning/flaggade/"): 2,
        lambda user: user.detail("file", "/vrakning/arenden/{}/", "/vrakning/arenden/[id]/"): 4,
        _reads("/arenden/", collect=("case",)): 1,
        SimulatedUser.search: 1,
        SimulatedUser.register_notice: 2,
        SimulatedUser.write_note: 1,
    },
    "nexus_caseworker": {
        _reads("/arenden/nexus/", "/arenden/forfragningar/", collect=("request",)): 3,
        _reads("/arenden/", collect=("case",)): 2,
        lambda user: user.detail("request", "/arenden/{}/forfragan/", "/arenden/[id]/forfragan/"): 3,
        lambda user: user.detail("case", "/arenden/{}/", "/arenden/[id]/"): 2,
        _reads("/arenden/telefonforfragningar/", "/arenden/natverk/"): 1,
        SimulatedUser.search: 2,
        SimulatedUser.write_note: 2,
    },
    "housing_handler": {
        _reads("/bostad/ansokningar/", "/bostad/ansokningar/?status=all", collect=("application",)): 3,
        _reads("/bostad/", "/bostad/ko/", "/bostad/lagenheter/", "/bostad/kontrakt/"): 3,
        lambda user: user.detail("application", "/bostad/ansokningar/{}/", "/bostad/ansokningar/[id]/"): 3,
        _reads("/arenden/", collect=("case",)): 1,
        SimulatedUser.search: 1,
        SimulatedUser.write_note: 2,
    },
    "manager": {
        _reads("/arenden/", "/arenden/forfragningar/", collect=("case",)): 3,
        _reads("/arenden/atkomstlogg/", "/arenden/atkomstlogg/granskning/"): 2,
        _reads("/rapporter/oversikt/", "/rapporter/korningar/", "/vrakning/statistik/"): 2,
        lambda user: user.detail("case", "/arenden/{}/", "/arenden/[id]/"): 2,
        SimulatedUser.search: 2,
        SimulatedUser.order_report: 1,
    },
    "partner_contact": {
        _reads("/arenden/samverkan/", "/arenden/forfragningar/", collect=("request",)): 3,
        lambda user: user.detail("request", "/arenden/{}/forfragan/", "/arenden/[id]/forfragan/"): 3,
    },
}
